// /api/v1/event-endpoints through the route handlers, for each route: the rightful key, another organization's key
// (404, nothing changes), a key without the manage scope (403), a revoked or expired key (401), malformed input
// (422 naming the field); and the operations in the OpenAPI document beside the events' webhooks.
import { beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/document";
import { createApiKey, revokeApiKey } from "@/lib/api-keys";
import type { MemberContext } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { createEndpoint, listEndpoints, PARTNER_EVENT_TYPES } from "@/lib/partner-events";
import * as collection from "@/app/api/v1/event-endpoints/route";
import * as one from "@/app/api/v1/event-endpoints/[endpointId]/route";
import * as rotate from "@/app/api/v1/event-endpoints/[endpointId]/rotate-secret/route";
import * as test from "@/app/api/v1/event-endpoints/[endpointId]/test/route";
import * as deliveries from "@/app/api/v1/event-endpoints/[endpointId]/deliveries/route";
import * as resend from "@/app/api/v1/event-endpoints/[endpointId]/deliveries/[deliveryId]/resend/route";
import * as resendFailed from "@/app/api/v1/event-endpoints/[endpointId]/deliveries/resend-failed/route";
import { ForbiddenError } from "@/lib/errors";
import { addMember, createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";

withTestDatabase();

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let owner: MemberContext;
let keys: { manage: string; read: string; revoked: string; expired: string; other: string };
let endpointId: string;
let deliveryId: string;

async function keyFor(ctx: MemberContext, scopes: ("read" | "send" | "manage")[], expiresAt?: Date) {
  const { key, apiKey } = await createApiKey(ctx, { name: `key ${scopes.join(",")}`, scopes, expiresAt });
  return { key, id: apiKey.id };
}

beforeAll(async () => {
  const mine = await createOrganization();
  owner = await memberContext(mine.owner.id, mine.organization.id);
  const theirs = await createOrganization();
  const outsider = await memberContext(theirs.owner.id, theirs.organization.id);
  const revoked = await keyFor(owner, ["manage"]);
  await revokeApiKey(owner, revoked.id);
  const expired = await keyFor(owner, ["manage"], new Date(Date.now() + 1_000));
  keys = {
    manage: (await keyFor(owner, ["manage"])).key,
    read: (await keyFor(owner, ["read", "send"])).key,
    revoked: revoked.key,
    expired: expired.key,
    other: (await keyFor(outsider, ["manage"])).key,
  };
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  endpointId = (await createEndpoint(owner, { url: "https://partner.example.test/events", description: "mine", eventTypes: [] })).endpoint.id;
  // A failed delivery to resend.
  const event = await db().partnerEvent.create({ data: { organizationId: owner.organization.id, type: "endpoint.test", data: { message: "x" } } });
  deliveryId = (await db().eventDelivery.create({ data: { organizationId: owner.organization.id, endpointId, eventId: event.id, state: "failed" } })).id;
});

interface Route {
  name: string;
  handler: Handler;
  method: string;
  path: () => string;
  params: () => Record<string, string>;
  body?: () => unknown;
  /** A body or query with a malformed field, and the field the 422 names. */
  malformed: { path?: () => string; body?: unknown; field: string };
  status: number;
}

const ROUTES: Route[] = [
  { name: "list", handler: collection.GET as Handler, method: "GET", path: () => "/event-endpoints", params: () => ({}), malformed: { path: () => "/event-endpoints", field: "" }, status: 200 },
  {
    name: "create", handler: collection.POST as Handler, method: "POST", path: () => "/event-endpoints", params: () => ({}),
    body: () => ({ url: "https://partner.example.test/other", eventTypes: ["message.created"] }),
    malformed: { body: { url: "ftp://partner.example.test" }, field: "url" }, status: 201,
  },
  { name: "get", handler: one.GET as Handler, method: "GET", path: () => `/event-endpoints/${endpointId}`, params: () => ({ endpointId }), malformed: { field: "params.endpointId" }, status: 200 },
  {
    name: "update", handler: one.PATCH as Handler, method: "PATCH", path: () => `/event-endpoints/${endpointId}`, params: () => ({ endpointId }),
    body: () => ({ description: "renamed", eventTypes: ["message.created", "conversation.updated"] }),
    malformed: { body: { eventTypes: ["message.deleted"] }, field: "eventTypes.0" }, status: 200,
  },
  {
    name: "rotate", handler: rotate.POST as Handler, method: "POST", path: () => `/event-endpoints/${endpointId}/rotate-secret`, params: () => ({ endpointId }),
    body: () => ({ overlapHours: 1 }), malformed: { body: { overlapHours: 500 }, field: "overlapHours" }, status: 200,
  },
  { name: "test", handler: test.POST as Handler, method: "POST", path: () => `/event-endpoints/${endpointId}/test`, params: () => ({ endpointId }), malformed: { field: "params.endpointId" }, status: 202 },
  {
    name: "deliveries", handler: deliveries.GET as Handler, method: "GET", path: () => `/event-endpoints/${endpointId}/deliveries`, params: () => ({ endpointId }),
    malformed: { path: () => `/event-endpoints/${endpointId}/deliveries?limit=1000`, field: "query.limit" }, status: 200,
  },
  {
    name: "resend", handler: resend.POST as Handler, method: "POST", path: () => `/event-endpoints/${endpointId}/deliveries/${deliveryId}/resend`,
    params: () => ({ endpointId, deliveryId }), malformed: { field: "params.endpointId" }, status: 202,
  },
  {
    name: "resend failed", handler: resendFailed.POST as Handler, method: "POST", path: () => `/event-endpoints/${endpointId}/deliveries/resend-failed`,
    params: () => ({ endpointId }), body: () => ({ from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() }),
    malformed: { body: { from: "yesterday", to: new Date().toISOString() }, field: "from" }, status: 202,
  },
  { name: "delete", handler: one.DELETE as Handler, method: "DELETE", path: () => `/event-endpoints/${endpointId}`, params: () => ({ endpointId }), malformed: { field: "params.endpointId" }, status: 200 },
];

async function call(route: Route, key: string, overrides: { path?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const body = "body" in overrides ? overrides.body : route.body?.();
  const request = new Request(`http://localhost/api/v1${overrides.path ?? route.path()}`, {
    method: route.method,
    headers: { authorization: `Bearer ${key}`, "x-sunbridge-client-address": "127.0.0.1", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await route.handler(request, { params: Promise.resolve(overrides.params ?? route.params()) });
  return { status: response.status, type: response.headers.get("content-type"), body: (await response.json()) as Record<string, unknown> };
}

const endpointState = () => db().eventEndpoint.findMany({ where: { organizationId: owner.organization.id }, orderBy: { createdAt: "asc" } });

describe.each(ROUTES)("$method /api/v1$name", (route) => {
  it("refuses a key of another organization as not found, and changes nothing", async () => {
    const before = await endpointState();
    const answer = await call(route, keys.other);
    if (route.name === "list") {
      expect(answer.body).toEqual({ endpoints: [] });
    } else if (route.name === "create") {
      expect(answer.status).toBe(201);
      expect(await db().eventEndpoint.count({ where: { organizationId: owner.organization.id, url: { endsWith: "/other" } } })).toBe(0);
      return;
    } else {
      expect(answer).toMatchObject({ status: 404, type: "application/problem+json", body: { type: "/docs/api#problem-not-found" } });
    }
    expect(await endpointState()).toEqual(before);
  });

  it("refuses a key without the manage scope (403), a revoked key and an expired key (401)", async () => {
    expect(await call(route, keys.read)).toMatchObject({ status: 403, body: { type: "/docs/api#problem-missing-scope" } });
    expect(await call(route, keys.revoked)).toMatchObject({ status: 401 });
    expect(await call(route, keys.expired)).toMatchObject({ status: 401 });
  });

  // Listing takes no input to malform.
  if (route.name !== "list") {
    it("answers malformed input with 422 naming the field", async () => {
      const malformed = route.malformed;
      const answer = await call(route, keys.manage, {
        path: malformed.path?.(),
        body: malformed.body ?? route.body?.(),
        params: malformed.field === "params.endpointId" ? { ...route.params(), endpointId: "not-an-id" } : undefined,
      });
      expect(answer.status).toBe(422);
      expect(Object.keys(answer.body.errors as object)).toContain(malformed.field);
    });
  }

  it("does it for the rightful key", async () => {
    const answer = await call(route, keys.manage);
    expect(answer.status, JSON.stringify(answer.body)).toBe(route.status);
    if (route.name === "create" || route.name === "rotate") expect(answer.body.secret).toMatch(/^whsec_/);
    if (route.name === "update") expect(answer.body).toMatchObject({ description: "renamed", eventTypes: ["message.created", "conversation.updated"] });
    if (route.name === "deliveries") expect((answer.body.deliveries as unknown[]).length).toBeGreaterThan(0);
    if (route.name === "resend failed") expect(answer.body).toEqual({ resent: 0 });
    if (route.name === "delete") expect(await db().eventEndpoint.findUnique({ where: { id: endpointId } })).toBeNull();
  });
});

describe("in Sunbridge's pages", () => {
  it("only owners and admins manage event endpoints", async () => {
    const agent = await addMember(owner.organization.id, "agent");
    const asAgent = await memberContext(agent.id, owner.organization.id);
    await expect(createEndpoint(asAgent, { url: "https://partner.example.test/agent", description: "", eventTypes: [] })).rejects.toThrow(ForbiddenError);
    await expect(listEndpoints(asAgent)).rejects.toThrow(ForbiddenError);
    const admin = await addMember(owner.organization.id, "admin");
    const asAdmin = await memberContext(admin.id, owner.organization.id);
    expect((await createEndpoint(asAdmin, { url: "https://partner.example.test/admin", description: "", eventTypes: [] })).secret).toMatch(/^whsec_/);
    expect(await db().auditEvent.count({ where: { organizationId: owner.organization.id, action: "event_endpoint.create", actorId: admin.id } })).toBe(1);
  });
});

describe("the OpenAPI document", () => {
  it("has every event endpoint operation and every event type as a webhook", () => {
    const document = openApiDocument() as unknown as { paths: Record<string, Record<string, unknown>>; webhooks: Record<string, unknown> };
    for (const route of ROUTES) {
      const path = `/api/v1${route.path().replace(endpointId, "{endpointId}").replace(deliveryId, "{deliveryId}")}`;
      expect(document.paths[path]?.[route.method.toLowerCase()], path).toBeDefined();
    }
    expect(Object.keys(document.webhooks).sort()).toEqual([...PARTNER_EVENT_TYPES].sort());
  });
});
