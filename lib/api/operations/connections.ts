// /api/v1/connections: the organization's connected SunCo apps, and the partner's labels of them.
import { z } from "zod";
import { getPartnerConnection, labelConnection, listPartnerConnections, type PartnerConnection } from "@/lib/connections";
import { defineOperation } from "../operation";
import { connectionView, iso } from "./views";

const TAG = "Connections";

const connectionParams = z.object({ connectionId: z.string().min(1).max(64) });

const view = (connection: PartnerConnection) => ({ ...connection, lastEventAt: iso(connection.lastEventAt), createdAt: iso(connection.createdAt)! });

export const listConnectionsOperation = defineOperation({
  id: "listConnections",
  method: "get",
  path: "/connections",
  tag: TAG,
  summary: "List connections",
  description: "Every connection of the organization, oldest first (an organization has few: no paging).",
  scope: "read",
  query: z.object({
    state: z.enum(["active", "needs_reauth", "revoked", "error"], { error: "must be active, needs_reauth, revoked or error" }).optional(),
    externalId: z.string().min(1).max(200).optional(),
  }),
  response: z.object({ items: z.array(connectionView) }),
  run: async (ctx, { query }) => ({ items: (await listPartnerConnections(ctx, query)).map(view) }),
});

export const getConnectionOperation = defineOperation({
  id: "getConnection",
  method: "get",
  path: "/connections/{connectionId}",
  tag: TAG,
  summary: "Get a connection",
  scope: "read",
  params: connectionParams,
  response: connectionView,
  run: async (ctx, { params }) => view(await getPartnerConnection(ctx, params.connectionId)),
});

const label = z.string().trim().min(1, "is empty; send null to clear it").max(200, "must be at most 200 characters").nullable().optional();

export const updateConnectionOperation = defineOperation({
  id: "updateConnection",
  method: "patch",
  path: "/connections/{connectionId}",
  tag: TAG,
  summary: "Set a connection's externalId and display name",
  description: "Fields left out stay as they are; null clears one.",
  scope: "manage",
  params: connectionParams,
  body: z.object({ externalId: label, displayName: label }).strict(),
  response: connectionView,
  run: async (ctx, { params, body }) => view(await labelConnection(ctx, params.connectionId, body)),
});
