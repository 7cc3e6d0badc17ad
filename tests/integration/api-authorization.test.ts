// Every /api/v1 operation, one row each, called with no key, a revoked and an expired key (401), another
// organization's key with every scope (404, or its own organization's data for lists), and the victim's key lacking
// the operation's scope (403) — nothing of the victim's changes in the database and nothing reaches SunCo — then with
// malformed input (422 naming the field), and finally with the rightful key, which succeeds.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ApiScope, MemberContext } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import * as connectionsRoute from "@/app/api/v1/connections/route";
import * as connectionRoute from "@/app/api/v1/connections/[connectionId]/route";
import * as conversationsRoute from "@/app/api/v1/conversations/route";
import * as conversationRoute from "@/app/api/v1/conversations/[conversationId]/route";
import * as timelineRoute from "@/app/api/v1/conversations/[conversationId]/timeline/route";
import * as messagesRoute from "@/app/api/v1/conversations/[conversationId]/messages/route";
import * as attachmentsRoute from "@/app/api/v1/conversations/[conversationId]/attachments/route";
import * as assigneeRoute from "@/app/api/v1/conversations/[conversationId]/assignee/route";
import * as statusRoute from "@/app/api/v1/conversations/[conversationId]/status/route";
import * as resolveRoute from "@/app/api/v1/conversations/[conversationId]/resolve/route";
import * as reopenRoute from "@/app/api/v1/conversations/[conversationId]/reopen/route";
import * as pendingRoute from "@/app/api/v1/conversations/[conversationId]/pending/route";
import * as membersRoute from "@/app/api/v1/members/route";
import * as notesRoute from "@/app/api/v1/conversations/[conversationId]/notes/route";
import * as typingRoute from "@/app/api/v1/conversations/[conversationId]/typing/route";
import * as readRoute from "@/app/api/v1/conversations/[conversationId]/read/route";
import * as connectSessionsRoute from "@/app/api/v1/connect-sessions/route";
import * as connectSessionRoute from "@/app/api/v1/connect-sessions/[sessionId]/route";
import * as endpointsRoute from "@/app/api/v1/event-endpoints/route";
import * as endpointRoute from "@/app/api/v1/event-endpoints/[endpointId]/route";
import * as rotateRoute from "@/app/api/v1/event-endpoints/[endpointId]/rotate-secret/route";
import * as testEventRoute from "@/app/api/v1/event-endpoints/[endpointId]/test/route";
import * as deliveriesRoute from "@/app/api/v1/event-endpoints/[endpointId]/deliveries/route";
import * as resendRoute from "@/app/api/v1/event-endpoints/[endpointId]/deliveries/[deliveryId]/resend/route";
import * as resendFailedRoute from "@/app/api/v1/event-endpoints/[endpointId]/deliveries/resend-failed/route";
import { inboxFilterSchema, listConversations } from "@/lib/inbox";
import { createConnectLink, createConnectLinkSchema } from "@/lib/connections";
import { createEndpoint } from "@/lib/partner-events";
import { ALL_SCOPES, apiKeyFor, callApi, type ApiAnswer, type ApiCall } from "../support/api";
import { addMember, createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { organizationRows, suncoRequestsDuring } from "../support/nothing-changed";
import { createConversation } from "../support/inbox";
import { createTeam } from "../support/teams";
import { eventually, withSandboxTenant } from "../support/sandbox-tenant";
import { createWebhookConnection } from "../support/webhooks";

withTestDatabase();
const tenant = withSandboxTenant();

interface Row {
  /** "METHOD /api/v1/…" as the route file lies under app/. */
  name: string;
  scope: ApiScope;
  call: (key: string | null, overrides?: ApiCall) => Promise<ApiAnswer>;
  /** The same call with malformed input, and the field the 422 must name. */
  malformed: { call: (key: string) => Promise<ApiAnswer>; field: string };
  /** What another organization's key gets when it is not 404: its own organization's answer. */
  outsiderGets?: (answer: ApiAnswer) => void;
  succeeds?: (answer: ApiAnswer) => void | Promise<void>;
}

const victim = {} as { owner: MemberContext; organizationId: string; connectionId: string; conversationId: string; key: string };
const outsider = {} as { key: string; connectionId: string; conversationId: string };
const refusedKeys = {} as { revoked: string; expired: string };

beforeAll(async () => {
  victim.owner = tenant.owner;
  victim.organizationId = tenant.owner.organization.id;
  victim.connectionId = tenant.connectionId;
  victim.conversationId = tenant.conversationId;
  victim.key = (await apiKeyFor(victim.owner, ALL_SCOPES, "Backend")).key;
  await eventually(async () => (await db().message.count({ where: { conversationId: victim.conversationId } })) > 0);

  const revoked = await apiKeyFor(victim.owner, ALL_SCOPES, "Revoked");
  await db().apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
  const expired = await apiKeyFor(victim.owner, ALL_SCOPES, "Expired");
  await db().apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  refusedKeys.revoked = revoked.key;
  refusedKeys.expired = expired.key;

  const other = await createOrganization();
  const otherOwner = await memberContext(other.owner.id, other.organization.id);
  outsider.key = (await apiKeyFor(otherOwner, ALL_SCOPES, "Elsewhere")).key;
  const otherConnection = await createWebhookConnection({ organizationId: other.organization.id });
  outsider.connectionId = otherConnection.id;
  outsider.conversationId = (
    await createConversation({ connectionId: otherConnection.id, organizationId: other.organization.id, messages: [{ text: "Hi from elsewhere" }] })
  ).id;
});

/** The victim's event endpoint, with a failed delivery to resend. */
const events = {} as { endpointId: string; deliveryId: string };
beforeAll(async () => {
  events.endpointId = (await createEndpoint(victim.owner, { url: "https://partner.example.test/events", description: "Orders", eventTypes: [] })).endpoint.id;
  const event = await db().partnerEvent.create({ data: { organizationId: victim.organizationId, type: "endpoint.test", data: { message: "hi" } } });
  events.deliveryId = (await db().eventDelivery.create({ data: { organizationId: victim.organizationId, endpointId: events.endpointId, eventId: event.id, state: "failed" } })).id;
});
/** The victim's open connect link. */
const links = {} as { linkId: string };
beforeAll(async () => {
  links.linkId = (await createConnectLink(victim.owner, createConnectLinkSchema.parse({ externalId: "customer-7" }))).link.id;
});
const sessionIdOf = (answer: ApiAnswer) => (answer.body as { items: { id: string }[] }).items.map((item) => item.id);

const endpoint = () => ({ endpointId: events.endpointId });
const endpointUrl = (suffix = "") => `/api/v1/event-endpoints/${events.endpointId}${suffix}`;
const notAnEndpoint = { endpointId: "not-an-endpoint" };

const conversation = () => ({ conversationId: victim.conversationId });
const conversationUrl = (suffix = "") => `/api/v1/conversations/${victim.conversationId}${suffix}`;
const ids = (answer: ApiAnswer) => (answer.body as { items: { id: string }[] }).items.map((item) => item.id);

const ROWS: Row[] = [
  {
    name: "GET /api/v1/connections",
    scope: "read",
    call: (key, o) => callApi(connectionsRoute.GET, "/api/v1/connections", {}, { key, ...o }),
    malformed: { call: (key) => callApi(connectionsRoute.GET, "/api/v1/connections?state=broken", {}, { key }), field: "query.state" },
    outsiderGets: (answer) => expect(ids(answer)).toEqual([outsider.connectionId]),
    succeeds: (answer) => expect(ids(answer)).toEqual([victim.connectionId]),
  },
  {
    name: "GET /api/v1/connections/[connectionId]",
    scope: "read",
    call: (key, o) => callApi(connectionRoute.GET, `/api/v1/connections/${victim.connectionId}`, { connectionId: victim.connectionId }, { key, ...o }),
    malformed: { call: (key) => callApi(connectionRoute.GET, `/api/v1/connections/x`, { connectionId: "x".repeat(65) }, { key }), field: "params.connectionId" },
    succeeds: (answer) => expect(answer.body).toMatchObject({ id: victim.connectionId, state: "active" }),
  },
  {
    name: "PATCH /api/v1/connections/[connectionId]",
    scope: "manage",
    call: (key, o) =>
      callApi(connectionRoute.PATCH, `/api/v1/connections/${victim.connectionId}`, { connectionId: victim.connectionId }, { key, method: "PATCH", body: { externalId: "tenant-42", displayName: "Acme" }, ...o }),
    malformed: {
      call: (key) => callApi(connectionRoute.PATCH, `/api/v1/connections/${victim.connectionId}`, { connectionId: victim.connectionId }, { key, method: "PATCH", body: { externalId: 42 } }),
      field: "externalId",
    },
    succeeds: async (answer) => {
      expect(answer.body).toMatchObject({ externalId: "tenant-42", displayName: "Acme", name: "Acme" });
      expect(await db().auditEvent.findFirst({ where: { organizationId: victim.organizationId, action: "connection.labelled" } })).toMatchObject({
        actorId: null,
        actorLabel: expect.stringMatching(/^API key "Backend" \(\w+\)$/),
      });
    },
  },
  {
    name: "GET /api/v1/conversations",
    scope: "read",
    call: (key, o) => callApi(conversationsRoute.GET, "/api/v1/conversations", {}, { key, ...o }),
    malformed: { call: (key) => callApi(conversationsRoute.GET, "/api/v1/conversations?status=closed", {}, { key }), field: "query.status" },
    outsiderGets: (answer) => expect(ids(answer)).toEqual([outsider.conversationId]),
    succeeds: (answer) => expect(ids(answer)).toEqual([victim.conversationId]),
  },
  {
    name: "POST /api/v1/conversations",
    scope: "send",
    call: (key, o) =>
      callApi(conversationsRoute.POST, "/api/v1/conversations", {}, {
        key,
        body: { connectionId: victim.connectionId, user: { email: "welcome@example.test", givenName: "Wes" }, message: { text: "Welcome aboard." } },
        ...o,
      }),
    malformed: {
      call: (key) =>
        callApi(conversationsRoute.POST, "/api/v1/conversations", {}, { key, body: { connectionId: victim.connectionId, user: { email: "not an address" }, message: { text: "Hi" } } }),
      field: "user.email",
    },
    succeeds: async (answer) => {
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        createdUser: true,
        createdConversation: true,
        channelLink: null,
        conversation: { connectionId: victim.connectionId, endUserEmail: "welcome@example.test" },
        message: { authorDisplayName: "API: Backend", deliveryStatus: "sending", text: "Welcome aboard." },
      });
    },
  },
  {
    name: "GET /api/v1/conversations/[conversationId]",
    scope: "read",
    call: (key, o) => callApi(conversationRoute.GET, conversationUrl(), conversation(), { key, ...o }),
    malformed: { call: (key) => callApi(conversationRoute.GET, "/api/v1/conversations/nope", { conversationId: "nope" }, { key }), field: "params.conversationId" },
    succeeds: (answer) => expect(answer.body).toMatchObject({ id: victim.conversationId, connectionId: victim.connectionId }),
  },
  {
    name: "GET /api/v1/conversations/[conversationId]/timeline",
    scope: "read",
    call: (key, o) => callApi(timelineRoute.GET, conversationUrl("/timeline"), conversation(), { key, ...o }),
    malformed: { call: (key) => callApi(timelineRoute.GET, conversationUrl("/timeline?limit=0"), conversation(), { key }), field: "query.limit" },
    succeeds: (answer) => expect((answer.body as { items: { kind: string }[] }).items.some((item) => item.kind === "message")).toBe(true),
  },
  {
    name: "POST /api/v1/conversations/[conversationId]/messages",
    scope: "send",
    call: (key, o) => callApi(messagesRoute.POST, conversationUrl("/messages"), conversation(), { key, body: { text: "Your parcel left today." }, ...o }),
    malformed: { call: (key) => callApi(messagesRoute.POST, conversationUrl("/messages"), conversation(), { key, body: { text: " " } }), field: "text" },
    succeeds: async (answer) => {
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({ kind: "message", authorDisplayName: "API: Backend", deliveryStatus: "sending", text: "Your parcel left today." });
      const outbox = await db().outboxMessage.findFirstOrThrow({ where: { conversationId: victim.conversationId }, orderBy: { createdAt: "desc" } });
      expect(outbox.authorId).toBeNull();
      expect(outbox.body).toMatchObject({ author: { type: "business", displayName: "API: Backend" } });
    },
  },
  {
    name: "POST /api/v1/conversations/[conversationId]/attachments",
    scope: "send",
    call: (key, o) => {
      const form = new FormData();
      form.append("file", new File(["Order #1234"], "order.txt", { type: "text/plain" }));
      return callApi(attachmentsRoute.POST, conversationUrl("/attachments"), conversation(), { key, body: form, ...o });
    },
    malformed: {
      call: (key) => {
        const form = new FormData();
        form.append("document", new File(["Order #1234"], "order.txt", { type: "text/plain" }));
        return callApi(attachmentsRoute.POST, conversationUrl("/attachments"), conversation(), { key, body: form });
      },
      field: "file",
    },
    succeeds: (answer) => expect(answer).toMatchObject({ status: 201, body: { kind: "file", altText: "order.txt" } }),
  },
  {
    name: "POST /api/v1/conversations/[conversationId]/assignee",
    scope: "send",
    call: (key, o) => callApi(assigneeRoute.POST, conversationUrl("/assignee"), conversation(), { key, body: { assigneeId: victim.owner.actor.id }, ...o }),
    malformed: { call: (key) => callApi(assigneeRoute.POST, conversationUrl("/assignee"), conversation(), { key, body: {} }), field: "assigneeId" },
    succeeds: (answer) => expect(answer.body).toMatchObject({ assigneeId: victim.owner.actor.id, assigneeName: victim.owner.actor.name }),
  },
  {
    name: "POST /api/v1/conversations/[conversationId]/status",
    scope: "send",
    call: (key, o) => callApi(statusRoute.POST, conversationUrl("/status"), conversation(), { key, body: { status: "pending" }, ...o }),
    malformed: { call: (key) => callApi(statusRoute.POST, conversationUrl("/status"), conversation(), { key, body: { status: "closed" } }), field: "status" },
    succeeds: (answer) => expect(answer.body).toMatchObject({ status: "pending" }),
  },
  ...(
    [
      ["resolve", resolveRoute.POST, "resolved"],
      ["reopen", reopenRoute.POST, "open"],
      ["pending", pendingRoute.POST, "pending"],
    ] as const
  ).map(([action, handler, status]): Row => ({
    name: `POST /api/v1/conversations/[conversationId]/${action}`,
    scope: "send",
    call: (key, o) => callApi(handler, conversationUrl(`/${action}`), conversation(), { key, method: "POST", ...o }),
    malformed: { call: (key) => callApi(handler, `/api/v1/conversations/nope/${action}`, { conversationId: "nope" }, { key, method: "POST" }), field: "params.conversationId" },
    succeeds: async (answer) => {
      expect(answer.body).toMatchObject({ id: victim.conversationId, status });
      expect((await db().conversation.findUniqueOrThrow({ where: { id: victim.conversationId } })).status).toBe(status);
    },
  })),
  {
    name: "POST /api/v1/conversations/[conversationId]/notes",
    scope: "send",
    call: (key, o) => callApi(notesRoute.POST, conversationUrl("/notes"), conversation(), { key, body: { text: "Called the courier." }, ...o }),
    malformed: { call: (key) => callApi(notesRoute.POST, conversationUrl("/notes"), conversation(), { key, body: { text: "" } }), field: "text" },
    succeeds: (answer) => expect(answer).toMatchObject({ status: 201, body: { kind: "note", authorId: null, authorName: "API: Backend", text: "Called the courier." } }),
  },
  {
    name: "POST /api/v1/conversations/[conversationId]/typing",
    scope: "send",
    call: (key, o) => callApi(typingRoute.POST, conversationUrl("/typing"), conversation(), { key, body: { typing: true }, ...o }),
    malformed: { call: (key) => callApi(typingRoute.POST, conversationUrl("/typing"), conversation(), { key, body: { typing: "yes" } }), field: "typing" },
    succeeds: (answer) => expect(answer.body).toEqual({ typing: true }),
  },
  {
    name: "POST /api/v1/conversations/[conversationId]/read",
    scope: "send",
    call: (key, o) => callApi(readRoute.POST, conversationUrl("/read"), conversation(), { key, method: "POST", ...o }),
    malformed: { call: (key) => callApi(readRoute.POST, "/api/v1/conversations/nope/read", { conversationId: "nope" }, { key, method: "POST" }), field: "params.conversationId" },
    succeeds: async (answer) => {
      expect(answer.body).toEqual({ changed: true });
      expect((await db().conversation.findUniqueOrThrow({ where: { id: victim.conversationId } })).unreadCount).toBe(0);
    },
  },
  {
    name: "GET /api/v1/connect-sessions",
    scope: "manage",
    call: (key, o) => callApi(connectSessionsRoute.GET, "/api/v1/connect-sessions", {}, { key, ...o }),
    malformed: { call: (key) => callApi(connectSessionsRoute.POST, "/api/v1/connect-sessions", {}, { key, body: { externalId: "" } }), field: "externalId" },
    outsiderGets: (answer) => expect(answer.body).toEqual({ items: [] }),
    succeeds: (answer) => expect(sessionIdOf(answer)).toEqual([links.linkId]),
  },
  {
    name: "POST /api/v1/connect-sessions",
    scope: "manage",
    call: (key, o) => callApi(connectSessionsRoute.POST, "/api/v1/connect-sessions", {}, { key, body: { externalId: "customer-8", methods: ["oauth"], expiresInSeconds: 3600 }, ...o }),
    malformed: { call: (key) => callApi(connectSessionsRoute.POST, "/api/v1/connect-sessions", {}, { key, body: { externalId: "c", returnUrl: "https://not-allowed.example.test/" } }), field: "returnUrl" },
    outsiderGets: (answer) => expect(answer.status).toBe(201),
    succeeds: (answer) =>
      expect(answer).toMatchObject({ status: 201, body: { url: expect.stringMatching(/\/connect\/scl_[\w-]{43}$/), session: { externalId: "customer-8", methods: ["oauth"], state: "open" } } }),
  },
  {
    name: "DELETE /api/v1/connect-sessions/[sessionId]",
    scope: "manage",
    call: (key, o) => callApi(connectSessionRoute.DELETE, `/api/v1/connect-sessions/${links.linkId}`, { sessionId: links.linkId }, { key, method: "DELETE", ...o }),
    malformed: { call: (key) => callApi(connectSessionRoute.DELETE, "/api/v1/connect-sessions/x", { sessionId: "x".repeat(65) }, { key, method: "DELETE" }), field: "params.sessionId" },
    succeeds: async (answer) => {
      expect(answer.body).toMatchObject({ id: links.linkId, state: "revoked" });
      expect(await db().auditEvent.findFirst({ where: { organizationId: victim.organizationId, action: "connect_link.revoked" } })).toMatchObject({ actorLabel: expect.stringMatching(/^API key/) });
    },
  },
  {
    name: "GET /api/v1/members",
    scope: "read",
    call: (key, o) => callApi(membersRoute.GET, "/api/v1/members", {}, { key, ...o }),
    malformed: { call: (key) => callApi(membersRoute.GET, "/api/v1/members?role=boss", {}, { key }), field: "query.role" },
    outsiderGets: (answer) => expect((answer.body as { items: { id: string }[] }).items.map((member) => member.id)).not.toContain(victim.owner.actor.id),
    succeeds: (answer) =>
      expect((answer.body as { items: unknown[] }).items).toEqual([
        { id: victim.owner.actor.id, name: victim.owner.actor.name, email: expect.stringContaining("@"), role: "owner", memberSince: expect.any(String) },
      ]),
  },
  {
    name: "GET /api/v1/event-endpoints",
    scope: "manage",
    call: (key, o) => callApi(endpointsRoute.GET, "/api/v1/event-endpoints", {}, { key, ...o }),
    malformed: { call: (key) => callApi(endpointsRoute.POST, "/api/v1/event-endpoints", {}, { key, body: { url: "not a url" } }), field: "url" },
    outsiderGets: (answer) => expect(answer.body).toEqual({ endpoints: [] }),
    succeeds: (answer) => expect((answer.body as { endpoints: { id: string }[] }).endpoints.map((e) => e.id)).toContain(events.endpointId),
  },
  {
    name: "POST /api/v1/event-endpoints",
    scope: "manage",
    call: (key, o) => callApi(endpointsRoute.POST, "/api/v1/event-endpoints", {}, { key, body: { url: "https://partner.example.test/more", eventTypes: ["message.created"] }, ...o }),
    malformed: { call: (key) => callApi(endpointsRoute.POST, "/api/v1/event-endpoints", {}, { key, body: { url: "https://partner.example.test/x", eventTypes: ["message.deleted"] } }), field: "eventTypes.0" },
    outsiderGets: (answer) => expect(answer.status).toBe(201),
    succeeds: (answer) => expect(answer).toMatchObject({ status: 201, body: { endpoint: { eventTypes: ["message.created"], enabled: true }, secret: expect.stringMatching(/^whsec_/) } }),
  },
  {
    name: "GET /api/v1/event-endpoints/[endpointId]",
    scope: "manage",
    call: (key, o) => callApi(endpointRoute.GET, endpointUrl(), endpoint(), { key, ...o }),
    malformed: { call: (key) => callApi(endpointRoute.GET, "/api/v1/event-endpoints/x", notAnEndpoint, { key }), field: "params.endpointId" },
    succeeds: (answer) => expect(answer.body).toMatchObject({ id: events.endpointId, url: "https://partner.example.test/events" }),
  },
  {
    name: "PATCH /api/v1/event-endpoints/[endpointId]",
    scope: "manage",
    call: (key, o) => callApi(endpointRoute.PATCH, endpointUrl(), endpoint(), { key, method: "PATCH", body: { description: "Order service" }, ...o }),
    malformed: { call: (key) => callApi(endpointRoute.PATCH, endpointUrl(), endpoint(), { key, method: "PATCH", body: { url: "ftp://partner.example.test" } }), field: "url" },
    succeeds: (answer) => expect(answer.body).toMatchObject({ description: "Order service" }),
  },
  {
    name: "POST /api/v1/event-endpoints/[endpointId]/rotate-secret",
    scope: "manage",
    call: (key, o) => callApi(rotateRoute.POST, endpointUrl("/rotate-secret"), endpoint(), { key, body: { overlapHours: 2 }, ...o }),
    malformed: { call: (key) => callApi(rotateRoute.POST, endpointUrl("/rotate-secret"), endpoint(), { key, body: { overlapHours: -1 } }), field: "overlapHours" },
    succeeds: (answer) => expect(answer.body).toMatchObject({ secret: expect.stringMatching(/^whsec_/), endpoint: { previousSecretExpiresAt: expect.any(String) } }),
  },
  {
    name: "POST /api/v1/event-endpoints/[endpointId]/test",
    scope: "manage",
    call: (key, o) => callApi(testEventRoute.POST, endpointUrl("/test"), endpoint(), { key, method: "POST", ...o }),
    malformed: { call: (key) => callApi(testEventRoute.POST, "/api/v1/event-endpoints/x/test", notAnEndpoint, { key, method: "POST" }), field: "params.endpointId" },
    succeeds: (answer) => expect(answer).toMatchObject({ status: 202, body: { deliveryId: expect.any(String) } }),
  },
  {
    name: "GET /api/v1/event-endpoints/[endpointId]/deliveries",
    scope: "manage",
    call: (key, o) => callApi(deliveriesRoute.GET, endpointUrl("/deliveries"), endpoint(), { key, ...o }),
    malformed: { call: (key) => callApi(deliveriesRoute.GET, endpointUrl("/deliveries?state=lost"), endpoint(), { key }), field: "query.state" },
    succeeds: (answer) => expect((answer.body as { deliveries: { id: string }[] }).deliveries.map((d) => d.id)).toContain(events.deliveryId),
  },
  {
    name: "POST /api/v1/event-endpoints/[endpointId]/deliveries/[deliveryId]/resend",
    scope: "manage",
    call: (key, o) =>
      callApi(resendRoute.POST, endpointUrl(`/deliveries/${events.deliveryId}/resend`), { ...endpoint(), deliveryId: events.deliveryId }, { key, method: "POST", ...o }),
    malformed: { call: (key) => callApi(resendRoute.POST, endpointUrl("/deliveries/x/resend"), { ...endpoint(), deliveryId: "x" }, { key, method: "POST" }), field: "params.deliveryId" },
    succeeds: async () => expect((await db().eventDelivery.findUniqueOrThrow({ where: { id: events.deliveryId } })).state).toBe("pending"),
  },
  {
    name: "POST /api/v1/event-endpoints/[endpointId]/deliveries/resend-failed",
    scope: "manage",
    call: (key, o) =>
      callApi(resendFailedRoute.POST, endpointUrl("/deliveries/resend-failed"), endpoint(), { key, body: { from: "2026-01-01T00:00:00Z", to: "2099-01-01T00:00:00Z" }, ...o }),
    malformed: { call: (key) => callApi(resendFailedRoute.POST, endpointUrl("/deliveries/resend-failed"), endpoint(), { key, body: { from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z" } }), field: "to" },
    succeeds: (answer) => expect(answer.body).toEqual({ resent: 0 }),
  },
  {
    name: "DELETE /api/v1/event-endpoints/[endpointId]",
    scope: "manage",
    call: (key, o) => callApi(endpointRoute.DELETE, endpointUrl(), endpoint(), { key, method: "DELETE", ...o }),
    malformed: { call: (key) => callApi(endpointRoute.DELETE, "/api/v1/event-endpoints/x", notAnEndpoint, { key, method: "DELETE" }), field: "params.endpointId" },
    succeeds: async () => expect(await db().eventEndpoint.findUnique({ where: { id: events.endpointId } })).toBeNull(),
  },
];

/** The outsider's key asks for the victim's records by id; the rows that name none ask for their own (lists). */
const asOutsider = (row: Row) => row.call(outsider.key);

const VICTIM_TABLES = ["Conversation", "Message", "OutboxMessage", "ConversationNote", "Connection", "LiveEvent", "EventEndpoint", "PartnerEvent", "EventDelivery", "ConnectLink"];

const victimData = () => organizationRows(victim.organizationId, VICTIM_TABLES);

async function expectNothingChanged(call: () => Promise<ApiAnswer>, check: (answer: ApiAnswer) => void) {
  const before = await victimData();
  const sandboxBefore = tenant.sandbox.sandbox.snapshot();
  const requests = await suncoRequestsDuring(tenant.sandbox, async () => check(await call()));
  expect(requests, "requests that reached SunCo").toBe(0);
  expect(tenant.sandbox.sandbox.snapshot()).toEqual(sandboxBefore);
  expect(await victimData()).toEqual(before);
}

const problem = (status: number, slug: string) => (answer: ApiAnswer) => {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get("content-type")).toBe("application/problem+json");
  expect(answer.body).toMatchObject({ type: `/docs/api#problem-${slug}`, status });
};

describe("every /api/v1 route has a row", () => {
  it("lists each handler under app/api/v1 but the public OpenAPI document", () => {
    const files = (readdirSync(path.join("app", "api", "v1"), { recursive: true }) as string[]).filter((file) => path.basename(file) === "route.ts");
    const handlers = files.flatMap((file) => {
      const route = `/api/v1/${path.dirname(file).split(path.sep).join("/")}`.replace(/\/\.$/, "");
      return [...readFileSync(path.join("app", "api", "v1", file), "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map(([, method]) => `${method} ${route}`);
    });
    expect(ROWS.map((row) => row.name).sort()).toEqual(handlers.filter((handler) => handler !== "GET /api/v1/openapi.json").sort());
  });
});

describe("refusals", () => {
  it.each(ROWS.map((row) => [row.name, row] as const))("%s refuses a request without a key, and changes nothing", async (_, row) => {
    await expectNothingChanged(() => row.call(null), problem(401, "unauthenticated"));
  });

  it.each(ROWS.map((row) => [row.name, row] as const))("%s refuses a revoked and an expired key, and changes nothing", async (_, row) => {
    await expectNothingChanged(() => row.call(refusedKeys.revoked), problem(401, "unauthenticated"));
    await expectNothingChanged(() => row.call(refusedKeys.expired), problem(401, "unauthenticated"));
  });

  it.each(ROWS.map((row) => [row.name, row] as const))("%s gives another organization's key nothing of the victim's, and changes nothing", async (_, row) => {
    await expectNothingChanged(() => asOutsider(row), row.outsiderGets ?? problem(404, "not-found"));
  });

  it.each(ROWS.map((row) => [row.name, row] as const))("%s refuses the organization's key without its scope, and changes nothing", async (_, row) => {
    const { key } = await apiKeyFor(victim.owner, ALL_SCOPES.filter((scope) => scope !== row.scope), `Without ${row.scope}`);
    await expectNothingChanged(() => row.call(key), problem(403, "missing-scope"));
  });

  it.each(ROWS.map((row) => [row.name, row] as const))("%s answers malformed input with 422 naming the field, and changes nothing", async (_, row) => {
    await expectNothingChanged(
      () => row.malformed.call(victim.key),
      (answer) => {
        problem(422, "invalid-input")(answer);
        expect(Object.keys((answer.body as { errors: Record<string, string[]> }).errors)).toContain(row.malformed.field);
      },
    );
  });
});

describe("the rightful key", () => {
  it.each(ROWS.map((row) => [row.name, row] as const))("%s succeeds", async (_, row) => {
    const answer = await row.call(victim.key);
    expect(answer.status, answer.text).toBeLessThan(300);
    expect(answer.headers.get("content-type")).toBe("application/json");
    await row.succeeds?.(answer);
  });
});

describe("teams", () => {
  // Last in the file: it gives the victim's organization a team and a second connection, which the rows above
  // do not expect.
  it("limit what agents see, never what an organization's API key sees", async () => {
    const second = await createWebhookConnection({ organizationId: victim.organizationId });
    const elsewhere = (await createConversation({ connectionId: second.id, organizationId: victim.organizationId, messages: [{ text: "Other app" }] })).id;
    const agent = await addMember(victim.organizationId, "agent");
    await createTeam({ organizationId: victim.organizationId, members: [agent.id], connectionIds: [victim.connectionId] });
    const agentPage = await listConversations(await memberContext(agent.id, victim.organizationId), inboxFilterSchema.parse({}));
    expect(agentPage.items.map((item) => item.id)).not.toContain(elsewhere);

    const listed = await callApi(conversationsRoute.GET, "/api/v1/conversations?limit=100", {}, { key: victim.key });
    expect(listed.status, listed.text).toBe(200);
    expect(ids(listed)).toEqual(expect.arrayContaining([victim.conversationId, elsewhere]));
    const one = await callApi(conversationRoute.GET, `/api/v1/conversations/${elsewhere}`, { conversationId: elsewhere }, { key: victim.key });
    expect(one.status, one.text).toBe(200);
  });
});
