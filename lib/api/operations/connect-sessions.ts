// /api/v1/connect-sessions: connect links made by the partner's backend for its customers (lib/connections/connect-links.ts).
import { z } from "zod";
import { connectLinkIdSchema, CONNECT_METHODS, createConnectLink, createConnectLinkSchema, listConnectLinks, revokeConnectLink, type ConnectLinkView } from "@/lib/connections";
import { defineOperation } from "../operation";
import { iso } from "./views";

const TAG = "Connect sessions";
const timestamp = z.string().meta({ format: "date-time" });

const sessionSchema = z
  .object({
    id: z.string(),
    externalId: z.string().meta({ description: "The partner's id for the customer; the connection made through the link is tagged with it." }),
    displayName: z.string().nullable(),
    methods: z.array(z.enum(CONNECT_METHODS)).meta({ description: "The ways the link's page offers: Zendesk's consent (oauth), an app key (api_key)." }),
    returnUrl: z.string().nullable(),
    state: z.enum(["open", "used", "expired", "revoked"]),
    expiresAt: timestamp,
    usedAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
    connectionId: z.string().nullable().meta({ description: "The connection the link made, once used." }),
    createdAt: timestamp,
  })
  .meta({ id: "ConnectSession" });

const sessionOut = (link: ConnectLinkView) => ({
  id: link.id,
  externalId: link.externalId,
  displayName: link.displayName,
  methods: link.methods,
  returnUrl: link.returnUrl,
  state: link.state,
  expiresAt: iso(link.expiresAt)!,
  usedAt: iso(link.usedAt),
  revokedAt: iso(link.revokedAt),
  connectionId: link.connectionId,
  createdAt: iso(link.createdAt)!,
});

const sessionParams = z.object({ sessionId: connectLinkIdSchema.meta({ description: "The connect session's id." }) });

export const createConnectSession = defineOperation({
  id: "createConnectSession", method: "post", path: "/connect-sessions", tag: TAG, scope: "manage", status: 201, idempotent: true,
  summary: "Create a connect link for a customer",
  description:
    "Answers the link's `url` (APP_URL/connect/<token>), shown this once: send it to your customer, who connects their Zendesk there without a " +
    "Sunbridge account. The link works once, until `expiresInSeconds` (default 7 days, at most 30) have passed; `returnUrl`'s origin must be " +
    "in the organization's allow-list (Settings → Connect links). The connection it makes emits `connection.created`.",
  body: createConnectLinkSchema,
  response: z.object({ session: sessionSchema, url: z.string().meta({ description: "The link to send, with its token; never shown again." }) }).meta({ id: "ConnectSessionWithUrl" }),
  run: async (ctx, { body }) => {
    const { link, url } = await createConnectLink(ctx, body);
    return { session: sessionOut(link), url };
  },
});

export const listConnectSessions = defineOperation({
  id: "listConnectSessions", method: "get", path: "/connect-sessions", tag: TAG, scope: "manage",
  summary: "List connect links, newest first (the last hundred)",
  response: z.object({ items: z.array(sessionSchema) }),
  run: async (ctx) => ({ items: (await listConnectLinks(ctx)).map(sessionOut) }),
});

export const revokeConnectSession = defineOperation({
  id: "revokeConnectSession", method: "delete", path: "/connect-sessions/{sessionId}", tag: TAG, scope: "manage",
  summary: "Revoke an unused connect link",
  description: "A used link cannot be revoked (409): disconnect the connection it made instead.",
  params: sessionParams,
  response: sessionSchema,
  run: async (ctx, { params }) => sessionOut(await revokeConnectLink(ctx, params.sessionId)),
});

export const CONNECT_SESSION_OPERATIONS = [createConnectSession, listConnectSessions, revokeConnectSession] as const;
