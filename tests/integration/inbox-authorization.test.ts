// Every inbox server action and route handler, one row each, called by nobody, by another organization's owner with
// the victim organization's ids, and (where a role is needed) by the victim's agent: refused, nothing of the victim's
// changes in the database, and no request reaches SunCo; likewise for an agent of the victim's whose teams do not serve
// the conversation's connection (lib/teams). The same rows then succeed for the victim's own members, so the refusals
// were about who asked, not about what was sent.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/actions/action";
import type { MemberContext } from "@/lib/auth/require-member";
import { db } from "@/lib/db";
import { addNote, assignConversation, createLabel, createMessageTemplate, createSavedReply, saveDraft } from "@/lib/inbox";
import { composeSchema, deliverOutboxMessage, sendMessage } from "@/lib/outbox";
import { createSuncoClient } from "@/lib/sunco";
import * as inboxActions from "@/app/(app)/inbox/actions";
import * as savedReplyActions from "@/app/(app)/settings/saved-replies/actions";
import * as templateActions from "@/app/(app)/settings/templates/actions";
import * as apiKeyActions from "@/app/(app)/settings/api-keys/actions";
import { createApiKey } from "@/lib/api-keys";
import * as labelActions from "@/app/(app)/settings/labels/actions";
import * as satisfactionActions from "@/app/(app)/settings/satisfaction/actions";
import * as notificationActions from "@/app/(app)/settings/notifications/actions";
import { markNotificationsReadAction } from "@/app/(app)/actions";
import * as reportActions from "@/app/(app)/reports/actions";
import * as reportExportRoute from "@/app/(app)/reports/export/route";
import * as liveRoute from "@/app/api/live/route";
import * as conversationRoute from "@/app/api/inbox/conversations/[conversationId]/route";
import * as attachmentsRoute from "@/app/api/inbox/conversations/[conversationId]/attachments/route";
import * as handoffTargetsRoute from "@/app/api/inbox/conversations/[conversationId]/handoff-targets/route";
import * as timelineRoute from "@/app/api/inbox/conversations/[conversationId]/timeline/route";
import * as listRoute from "@/app/api/inbox/conversations/route";
import { actAs, addMember, createOrganization, formData, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { organizationRows, suncoRequestsDuring } from "../support/nothing-changed";
import { createConversation } from "../support/inbox";
import { createTeam } from "../support/teams";
import { connectWithApiKey } from "../support/parsed-use-cases";
import { eventually, withSandboxTenant } from "../support/sandbox-tenant";
import { createWebhookConnection } from "../support/webhooks";

withTestDatabase();
const tenant = withSandboxTenant();

/** An action's result or a route's answer, in one shape: `status` is null for actions. */
interface Outcome {
  ok: boolean;
  status: number | null;
  error: string | null;
  data: unknown;
}

interface Row {
  /** The action's export name, or "METHOD /route/path" as the file lies under app/. */
  name: string;
  kind: "action" | "route";
  /** The least role of the organization that may use it: an agent is refused the admin ones. */
  role: "agent" | "admin";
  call: () => Promise<Outcome>;
  /** What another organization's owner gets when it is not "not found": their own organization's answer, say. */
  outsiderGets?: (outcome: Outcome) => void;
  /** What an agent of another team gets, when it is not what the outsider gets. */
  otherTeamGets?: (outcome: Outcome) => void;
  /** What the rightful member's success shows, beyond ok. */
  succeeds?: (outcome: Outcome) => void | Promise<void>;
}

/** A browser's push subscription keys (a P-256 point and an auth secret), as pushManager.subscribe() gives them. */
const PUSH_KEYS = { p256dh: `B${"A".repeat(86)}`, auth: "AAAAAAAAAAAAAAAAAAAAAA" };

/** The victim organization: its people, and a conversation with everything an attacker could reach for. */
const victim = {} as {
  organizationId: string;
  owner: MemberContext;
  agent: MemberContext;
  admin: MemberContext;
  /** An agent in a team that serves another of the victim's connections, not the conversation's. */
  otherTeamAgent: MemberContext;
  otherConnectionId: string;
  connectionId: string;
  conversationId: string;
  suncoConversationId: string;
  failedOutboxId: string;
  savedReplyId: string;
  templateId: string;
  apiKeyId: string;
  labelId: string;
};
/** Another organization, with a conversation of its own. */
const outsider = {} as { owner: MemberContext; conversationId: string };

beforeAll(async () => {
  victim.owner = tenant.owner;
  victim.organizationId = tenant.owner.organization.id;
  victim.agent = await memberContext((await addMember(victim.organizationId, "agent")).id, victim.organizationId);
  victim.admin = await memberContext((await addMember(victim.organizationId, "admin")).id, victim.organizationId);

  // An app-key connection with a switchboard in which Sunbridge's integration holds control: the one kind of
  // connection on which every handoff call (listing targets too) can succeed.
  const app = tenant.sandbox.fixtures.apps[1]!;
  const key = app.appKeys[0]!;
  const { connection } = await connectWithApiKey(victim.owner, { appId: app.id, keyId: key.id, secret: key.secret, scheme: "basic", location: "us" });
  victim.connectionId = connection.id;
  const appAdmin = createSuncoClient({ appId: app.id, credentials: { type: "basic", keyId: key.id, secret: key.secret }, apiBaseUrl: tenant.sandbox.url });
  const switchboard = await appAdmin.switchboards.create();
  const partner = await appAdmin.switchboardIntegrations.create(switchboard.id, { name: "partner", integrationId: connection.integrationId! });
  await appAdmin.switchboardIntegrations.create(switchboard.id, { name: "agent-workspace", integrationType: "zd:agentWorkspace" });
  await appAdmin.switchboards.update(switchboard.id, { enabled: true, defaultSwitchboardIntegrationId: partner.id });
  const endUser = await tenant.sandbox.control.createEndUser(app.id, { givenName: "Vera" });
  victim.suncoConversationId = (await tenant.sandbox.control.openConversation(app.id, endUser.id)).id;
  await tenant.sandbox.control.sendAsEndUser(victim.suncoConversationId, endUser.id, { type: "text", text: "Where is my parcel?" });
  const conversation = await eventually(async () => {
    const row = await db().conversation.findUnique({
      where: { connectionId_suncoConversationId: { connectionId: connection.id, suncoConversationId: victim.suncoConversationId } },
    });
    return row && row.unreadCount > 0 && row.activeSwitchboardIntegration ? row : null;
  });
  victim.conversationId = conversation.id;

  await addNote(victim.owner, victim.conversationId, "Vera is a VIP.");
  await saveDraft(victim.owner, victim.conversationId, "Your parcel is");
  await assignConversation(victim.owner, victim.conversationId, victim.owner.actor.id);
  victim.savedReplyId = (await createSavedReply(victim.owner, { title: "Parcel", body: "Your parcel is on its way." })).id;
  victim.templateId = (await createMessageTemplate(victim.owner, { title: "Order shipped", templateName: "order_update", language: "en", parameters: [] })).id;
  victim.apiKeyId = (await createApiKey(victim.owner, { name: "Backend", scopes: ["read"] })).apiKey.id;
  victim.labelId = (await createLabel(victim.owner, { name: "Parcels", color: "blue" })).id;
  // A message SunCo refused: what the retry action acts on.
  await tenant.sandbox.control.failNext(1, 400, { method: "POST", path: "/v2/apps/*/conversations/*/messages" });
  victim.failedOutboxId = randomUUID();
  await sendMessage(victim.owner, composeSchema.parse({ clientMessageId: victim.failedOutboxId, conversationId: victim.conversationId, text: "Refused" }));
  await deliverOutboxMessage(victim.failedOutboxId);
  expect(await db().outboxMessage.findUniqueOrThrow({ where: { id: victim.failedOutboxId } })).toMatchObject({ state: "failed" });

  // Teams: the agent's serves the conversation's connection; the other team's agent serves another connection only.
  victim.otherTeamAgent = await memberContext((await addMember(victim.organizationId, "agent")).id, victim.organizationId);
  victim.otherConnectionId = (await createWebhookConnection({ organizationId: victim.organizationId })).id;
  // The agent leads their team: reports are for leads (and owners and admins); the other team's agent leads none.
  await createTeam({ organizationId: victim.organizationId, members: [{ userId: victim.agent.actor.id, lead: true }], connectionIds: [victim.connectionId] });
  await createTeam({ organizationId: victim.organizationId, members: [victim.otherTeamAgent.actor.id], connectionIds: [victim.otherConnectionId] });

  const other = await createOrganization();
  outsider.owner = await memberContext(other.owner.id, other.organization.id);
  const otherConnection = await createWebhookConnection({ organizationId: other.organization.id });
  outsider.conversationId = (
    await createConversation({ connectionId: otherConnection.id, organizationId: other.organization.id, messages: [{ text: "Hi from elsewhere" }] })
  ).id;
});

// Calling them.

async function action<T>(result: Promise<ActionResult<T>>): Promise<Outcome> {
  const settled = await result;
  return settled.ok
    ? { ok: true, status: null, error: null, data: settled.data }
    : { ok: false, status: null, error: settled.error, data: settled };
}

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

/** Calls a route handler as Next.js would; an event stream is read no further than its headers. */
async function request<P>(handler: Handler<P>, url: string, params: P, init: RequestInit = {}): Promise<Outcome> {
  const abort = new AbortController();
  const response = await handler(new Request(`http://localhost${url}`, { ...init, signal: abort.signal }), { params: Promise.resolve(params) });
  const json = response.headers.get("content-type")?.startsWith("application/json");
  const data: unknown = json ? await response.json() : null;
  if (!json) await response.body?.cancel();
  abort.abort();
  const error = (data as { error?: { message?: string } } | null)?.error?.message ?? null;
  return { ok: response.ok, status: response.status, error, data: response.ok ? (data ?? response.headers.get("content-type")) : data };
}

/** A refusal: the action's error, or the route's status with the same message. */
function refused(kind: Row["kind"], status: number, error: string | RegExp) {
  return (outcome: Outcome) =>
    expect(outcome).toMatchObject({ ok: false, status: kind === "route" ? status : null, error: typeof error === "string" ? error : expect.stringMatching(error) });
}

const NOT_FOUND = /^There is no such (conversation|message|saved reply|template|API key|label) in this organization\.$/;
const CONNECTION_NOT_FOUND = "That connection is not in this organization.";

const templateForm = (title: string) => formData({ title, templateName: "order_update", language: "en", parameters: "body: Order number = #1\nbody: Arrives on" });

const savedReplyForm = (title: string) => formData({ title, body: "Hello {{user.givenName}}, your parcel is on its way." });

const switchboardOf = async (conversationId: string) => db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
const activeOf = async (conversationId: string) => ((await switchboardOf(conversationId)).activeSwitchboardIntegration as { name?: string } | null)?.name;
const pendingOf = async (conversationId: string) => ((await switchboardOf(conversationId)).pendingSwitchboardIntegration as { name?: string } | null)?.name;

const itemIds = (outcome: Outcome) => (outcome.data as { items: { id: string }[] }).items.map((item) => item.id);

/**
 * Every inbox action and route, in an order the victim's members can run them one after another at the end. The
 * ids are read when a row is called: they are made in beforeAll, after the table is read for the tests' names.
 */
const ROWS: Row[] = [
  {
    name: "GET /api/inbox/conversations",
    kind: "route",
    role: "agent",
    call: () => request(listRoute.GET, "/api/inbox/conversations?assignee=all", {}),
    outsiderGets: (outcome) => expect(itemIds(outcome)).toEqual([outsider.conversationId]),
    otherTeamGets: (outcome) => expect(itemIds(outcome)).toEqual([]),
    succeeds: (outcome) => expect(itemIds(outcome)).toContain(victim.conversationId),
  },
  {
    name: "GET /api/inbox/conversations/[conversationId]",
    kind: "route",
    role: "agent",
    call: () => request(conversationRoute.GET, `/api/inbox/conversations/${victim.conversationId}`, { conversationId: victim.conversationId }),
    succeeds: (outcome) => expect(outcome.data).toMatchObject({ id: victim.conversationId, endUserName: "Vera" }),
  },
  {
    name: "GET /api/inbox/conversations/[conversationId]/timeline",
    kind: "route",
    role: "agent",
    call: () => request(timelineRoute.GET, `/api/inbox/conversations/${victim.conversationId}/timeline`, { conversationId: victim.conversationId }),
    succeeds: (outcome) => expect(JSON.stringify(outcome.data)).toContain("Where is my parcel?"),
  },
  {
    name: "GET /api/inbox/conversations/[conversationId]/handoff-targets",
    kind: "route",
    role: "agent",
    call: () => request(handoffTargetsRoute.GET, `/api/inbox/conversations/${victim.conversationId}/handoff-targets`, { conversationId: victim.conversationId }),
    succeeds: (outcome) =>
      expect((outcome.data as { targets: { name: string }[] }).targets.map((t) => t.name).sort()).toEqual(["agent-workspace", "partner"]),
  },
  {
    name: "POST /api/inbox/conversations/[conversationId]/attachments",
    kind: "route",
    role: "agent",
    call: () => {
      const form = new FormData();
      form.append("file", new File(["Order #1234"], "order.txt", { type: "text/plain" }));
      return request(attachmentsRoute.POST, `/api/inbox/conversations/${victim.conversationId}/attachments`, { conversationId: victim.conversationId }, { method: "POST", body: form });
    },
    succeeds: (outcome) => expect(outcome).toMatchObject({ status: 201, data: { kind: "file", altText: "order.txt" } }),
  },
  {
    name: "GET /api/live",
    kind: "route",
    role: "agent",
    call: () => request(liveRoute.GET, `/api/live?organizationId=${victim.organizationId}`, {}),
    // It names the organization rather than a record of it: refused as forbidden, not as not found.
    outsiderGets: refused("route", 403, "You are not a member of this organization."),
    // Their organization's stream, without the events of connections outside their teams (live-stream.test.ts).
    otherTeamGets: (outcome) => expect(outcome.data).toMatch(/^text\/event-stream/),
    succeeds: (outcome) => expect(outcome.data).toMatch(/^text\/event-stream/),
  },
  {
    name: "sendMessageAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.sendMessageAction({ clientMessageId: randomUUID(), conversationId: victim.conversationId, text: "Your parcel left today." })),
    succeeds: (outcome) => expect(outcome.data).toMatchObject({ deliveryStatus: "sending", text: "Your parcel left today." }),
  },
  {
    name: "retryMessageAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.retryMessageAction(victim.failedOutboxId)),
    succeeds: (outcome) => expect(outcome.data).toMatchObject({ clientMessageId: victim.failedOutboxId, deliveryStatus: "sending" }),
  },
  {
    name: "addNoteAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.addNoteAction({ conversationId: victim.conversationId, text: "Called the courier." })),
  },
  {
    name: "saveDraftAction",
    kind: "action",
    role: "agent",
    // Empty text deletes a draft: the more harmful of the two to try on someone else's conversation.
    call: () => action(inboxActions.saveDraftAction({ conversationId: victim.conversationId, text: "" })),
  },
  {
    name: "assignAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.assignAction({ conversationId: victim.conversationId, assigneeId: "" })),
    succeeds: async () => expect((await db().conversation.findUniqueOrThrow({ where: { id: victim.conversationId } })).assigneeId).toBeNull(),
  },
  {
    name: "setStatusAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.setStatusAction({ conversationId: victim.conversationId, status: "resolved" })),
    succeeds: async () => expect((await db().conversation.findUniqueOrThrow({ where: { id: victim.conversationId } })).status).toBe("resolved"),
  },
  {
    name: "markReadAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.markReadAction(victim.conversationId)),
    succeeds: async () => expect((await db().conversation.findUniqueOrThrow({ where: { id: victim.conversationId } })).unreadCount).toBe(0),
  },
  {
    name: "typingAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.typingAction({ conversationId: victim.conversationId, typing: true })),
  },
  {
    name: "releaseControlAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.releaseControlAction(victim.conversationId)),
  },
  {
    name: "passControlAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.passControlAction({ conversationId: victim.conversationId, target: "agent-workspace" })),
  },
  {
    name: "offerControlAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.offerControlAction({ conversationId: victim.conversationId, target: "partner" })),
    // The next row accepts this offer once the switchboard's webhook has brought it to the read model.
    succeeds: async () => void (await eventually(async () => (await pendingOf(victim.conversationId)) === "partner")),
  },
  {
    name: "acceptControlAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.acceptControlAction(victim.conversationId)),
    succeeds: async () => void (await eventually(async () => (await activeOf(victim.conversationId)) === "partner")),
  },
  {
    name: "listSavedRepliesAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.listSavedRepliesAction()),
    // It names no record: another organization's owner reads their own organization's replies, none of the victim's.
    outsiderGets: (outcome) => expect(outcome).toMatchObject({ ok: true, data: [] }),
    succeeds: (outcome) => expect(outcome.data).toEqual([expect.objectContaining({ id: victim.savedReplyId })]),
    // Saved replies are the organization's, not a connection's: an agent of any team reads them.
    otherTeamGets: (outcome) => expect(outcome.data).toEqual([expect.objectContaining({ id: victim.savedReplyId })]),
  },
  {
    name: "setAvailabilityAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.setAvailabilityAction("away")),
    // One's own availability: another organization's owner and another team's agent set theirs.
    outsiderGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
    otherTeamGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
    succeeds: (outcome) => expect(outcome.data).toMatchObject({ status: "away", available: false }),
  },
  {
    name: "reportActivityAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.reportActivityAction(undefined)),
    outsiderGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
    otherTeamGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
  },
  {
    name: "createSavedReplyAction",
    kind: "action",
    role: "admin",
    call: () => action(savedReplyActions.createSavedReplyAction(null, savedReplyForm("Delayed"))),
    // Creating names no record of anyone's: another organization's owner adds to their own organization.
    outsiderGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
  },
  {
    name: "updateSavedReplyAction",
    kind: "action",
    role: "admin",
    call: () => action(savedReplyActions.updateSavedReplyAction(victim.savedReplyId, null, savedReplyForm("Renamed"))),
  },
  {
    name: "deleteSavedReplyAction",
    kind: "action",
    role: "admin",
    call: () => action(savedReplyActions.deleteSavedReplyAction(victim.savedReplyId)),
    succeeds: async () => expect(await db().savedReply.findUnique({ where: { id: victim.savedReplyId } })).toBeNull(),
  },
  {
    name: "startConversationAction",
    kind: "action",
    role: "agent",
    call: () =>
      action(
        inboxActions.startConversationAction({
          clientMessageId: randomUUID(),
          connectionId: victim.connectionId,
          user: { email: "started@example.test", givenName: "Stella" },
          message: { text: "Your order is ready." },
        }),
      ),
    outsiderGets: refused("action", 404, CONNECTION_NOT_FOUND),
    otherTeamGets: refused("action", 404, CONNECTION_NOT_FOUND),
    succeeds: (outcome) => expect(outcome.data).toMatchObject({ createdUser: true, message: { text: "Your order is ready.", deliveryStatus: "sending" } }),
  },
  {
    name: "listChannelIntegrationsAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.listChannelIntegrationsAction(victim.connectionId)),
    outsiderGets: refused("action", 404, CONNECTION_NOT_FOUND),
    otherTeamGets: refused("action", 404, CONNECTION_NOT_FOUND),
    succeeds: (outcome) => expect(outcome.data).toEqual([]),
  },
  {
    name: "channelLinkAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.channelLinkAction(victim.conversationId)),
    succeeds: (outcome) => expect(outcome.data).toBeNull(),
  },
  {
    name: "createTemplateAction",
    kind: "action",
    role: "admin",
    call: () => action(templateActions.createTemplateAction(null, templateForm("Delivery date"))),
    // Creating names no record of anyone's: another organization's owner adds to their own organization.
    outsiderGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
    succeeds: async () =>
      expect(await db().messageTemplate.findFirst({ where: { organizationId: victim.organizationId, title: "Delivery date" } })).toMatchObject({
        parameters: [
          { component: "body", label: "Order number", default: "#1" },
          { component: "body", label: "Arrives on", default: "" },
        ],
      }),
  },
  {
    name: "updateTemplateAction",
    kind: "action",
    role: "admin",
    call: () => action(templateActions.updateTemplateAction(victim.templateId, null, templateForm("Shipped, renamed"))),
  },
  {
    name: "deleteTemplateAction",
    kind: "action",
    role: "admin",
    call: () => action(templateActions.deleteTemplateAction(victim.templateId)),
    succeeds: async () => expect(await db().messageTemplate.findUnique({ where: { id: victim.templateId } })).toBeNull(),
  },
  {
    name: "createApiKeyAction",
    kind: "action",
    role: "admin",
    call: () => action(apiKeyActions.createApiKeyAction(null, formData({ name: "Billing", scopes: ["read", "send"] }))),
    // Creating names no record of anyone's: another organization's owner adds to their own organization.
    outsiderGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
    succeeds: (outcome) => expect(outcome.data).toMatchObject({ key: expect.stringMatching(/^sbk_/), name: "Billing" }),
  },
  {
    name: "revokeApiKeyAction",
    kind: "action",
    role: "admin",
    call: () => action(apiKeyActions.revokeApiKeyAction(victim.apiKeyId)),
    succeeds: async () => expect((await db().apiKey.findUniqueOrThrow({ where: { id: victim.apiKeyId } })).revokedAt).not.toBeNull(),
  },
  {
    name: "assignSelectionAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.assignSelectionAction({ conversationIds: [victim.conversationId], assigneeId: "" })),
    succeeds: async () => expect((await conversationRow()).assigneeId).toBeNull(),
  },
  {
    name: "labelSelectionAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.labelSelectionAction({ conversationIds: [victim.conversationId], labelId: victim.labelId, change: "add" })),
    succeeds: async () => expect((await conversationRow()).labelIds).toEqual([victim.labelId]),
  },
  {
    name: "snoozeSelectionAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.snoozeSelectionAction({ conversationIds: [victim.conversationId], until: new Date(Date.now() + 3_600_000).toISOString() })),
    succeeds: async () => expect((await conversationRow()).status).toBe("snoozed"),
  },
  {
    name: "setSelectionStatusAction",
    kind: "action",
    role: "agent",
    call: () => action(inboxActions.setSelectionStatusAction({ conversationIds: [victim.conversationId], status: "open" })),
    succeeds: async () => expect((await conversationRow()).status).toBe("open"),
  },
  {
    name: "createLabelAction",
    kind: "action",
    role: "admin",
    call: () => action(labelActions.createLabelAction(null, formData({ name: "Urgent", color: "red" }))),
    // Creating names no record of anyone's: another organization's owner adds to their own organization.
    outsiderGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
  },
  {
    name: "updateLabelAction",
    kind: "action",
    role: "admin",
    call: () => action(labelActions.updateLabelAction(victim.labelId, null, formData({ name: "Deliveries", color: "green" }))),
  },
  {
    name: "deleteLabelAction",
    kind: "action",
    role: "admin",
    call: () => action(labelActions.deleteLabelAction(victim.labelId)),
    succeeds: async () => expect((await conversationRow()).labelIds).toEqual([]),
  },
  {
    name: "GET /reports/export",
    kind: "route",
    role: "agent",
    call: () => request(reportExportRoute.GET, "/reports/export?days=7", {}),
    // Another organization's owner gets their own organization's report; an agent who leads no team gets none.
    outsiderGets: (outcome) => expect(outcome).toMatchObject({ ok: true, data: "text/csv; charset=utf-8" }),
    otherTeamGets: refused("route", 403, "Reports are for owners, admins and team leads."),
    succeeds: (outcome) => expect(outcome.data).toBe("text/csv; charset=utf-8"),
  },
  {
    name: "setReportTimeZoneAction",
    kind: "action",
    role: "admin",
    call: () => action(reportActions.setReportTimeZoneAction(null, formData({ timeZone: "Europe/Paris" }))),
    // It names no record: another organization's owner changes their own organization's setting.
    outsiderGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
  },
  {
    name: "setSatisfactionSurveyAction",
    kind: "action",
    role: "admin",
    call: () => action(satisfactionActions.setSatisfactionSurveyAction(null, formData({ enabled: "off" }))),
    // It names no record: another organization's owner changes their own organization's setting.
    outsiderGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
  },
  // A member's own notifications: each reads or changes only the caller's rows, whatever conversation it names.
  {
    name: "markNotificationsReadAction",
    kind: "action",
    role: "agent",
    call: () => action(markNotificationsReadAction(victim.conversationId)),
    outsiderGets: (outcome) => expect(outcome).toMatchObject({ ok: true, data: { unread: 0 } }),
    otherTeamGets: (outcome) => expect(outcome).toMatchObject({ ok: true, data: { unread: 0 } }),
  },
  {
    name: "saveNotificationPreferencesAction",
    kind: "action",
    role: "agent",
    call: () => action(notificationActions.saveNotificationPreferencesAction(null, formData({ assigned: "on", mention: "on", browser: "on" }))),
    outsiderGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
    otherTeamGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
  },
  {
    name: "savePushSubscriptionAction",
    kind: "action",
    role: "agent",
    call: () => action(notificationActions.savePushSubscriptionAction({ endpoint: "https://push.example.com/send/authorization-table", keys: PUSH_KEYS })),
    outsiderGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
    otherTeamGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
  },
  {
    name: "removePushSubscriptionAction",
    kind: "action",
    role: "agent",
    call: () => action(notificationActions.removePushSubscriptionAction("https://push.example.com/send/authorization-table")),
    outsiderGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
    otherTeamGets: (outcome) => expect(outcome).toMatchObject({ ok: true }),
  },
];

const conversationRow = () => db().conversation.findUniqueOrThrow({ where: { id: victim.conversationId } });

// Watching for changes.

const VICTIM_TABLES = ["Conversation", "Message", "OutboxMessage", "ConversationNote", "ConversationDraft", "SavedReply", "MessageTemplate", "ChannelLink", "Label", "SatisfactionSurvey", "SuncoUser", "Connection", "Membership", "LiveEvent", "ApiKey", "Notification"];

const victimData = () => organizationRows(victim.organizationId, VICTIM_TABLES);

/** Calls the row and expects `check` of the outcome, with nothing of the victim's changed here or in SunCo. */
async function expectNothingChanged(row: Row, check: (outcome: Outcome) => void) {
  const databaseBefore = await victimData();
  const sandboxBefore = tenant.sandbox.sandbox.snapshot();
  const requests = await suncoRequestsDuring(tenant.sandbox, async () => check(await row.call()));
  expect(requests, "requests that reached SunCo").toBe(0);
  expect(tenant.sandbox.sandbox.snapshot()).toEqual(sandboxBefore);
  expect(await victimData()).toEqual(databaseBefore);
}

// The tests.

describe("every action and route has a row", () => {
  it("lists each exported server action of the inbox, saved replies, templates, labels, satisfaction, reports, API keys and notifications", () => {
    const exported = [
      ...Object.keys(inboxActions),
      ...Object.keys(savedReplyActions),
      ...Object.keys(templateActions),
      ...Object.keys(labelActions),
      ...Object.keys(satisfactionActions),
      ...Object.keys(reportActions),
      ...Object.keys(apiKeyActions),
      ...Object.keys(notificationActions),
      "markNotificationsReadAction",
    ].sort();
    expect(ROWS.filter((row) => row.kind === "action").map((row) => row.name).sort()).toEqual(exported);
  });

  it("lists each handler of the inbox's routes and of every route using the inbox, outbox, live events or reports", () => {
    const routeFiles = (readdirSync("app", { recursive: true }) as string[])
      .filter((file) => path.basename(file) === "route.ts")
      .map((file) => path.join("app", file))
      .filter((file) => file.startsWith(path.join("app", "api", "inbox")) || /from "@\/lib\/(inbox|outbox|live|reports)"/.test(readFileSync(file, "utf8")));
    const handlers = routeFiles.flatMap((file) => {
      // The URL's path: a route group's folder, "(app)", is not part of it.
      const route = `/${path.relative("app", path.dirname(file)).split(path.sep).filter((segment) => !/^\(.+\)$/.test(segment)).join("/")}`;
      return [...readFileSync(file, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map(([, method]) => `${method} ${route}`);
    });
    expect(handlers.length).toBeGreaterThan(0);
    expect(ROWS.filter((row) => row.kind === "route").map((row) => row.name).sort()).toEqual(handlers.sort());
  });
});

describe("refusals", () => {
  it.each(ROWS.map((row) => [row.name, row] as const))("%s refuses a caller who is not signed in, and changes nothing", async (_, row) => {
    await actAs(null);
    await expectNothingChanged(row, refused(row.kind, 401, "Sign in to continue."));
  });

  it.each(ROWS.map((row) => [row.name, row] as const))(
    "%s gives another organization's owner nothing of the victim's, and changes nothing of it",
    async (_, row) => {
      await actAs(outsider.owner.actor.id, outsider.owner.organization.id);
      await expectNothingChanged(row, row.outsiderGets ?? refused(row.kind, 404, NOT_FOUND));
    },
  );

  it.each(ROWS.filter((row) => row.role === "admin").map((row) => [row.name, row] as const))(
    "%s refuses the organization's agent (saved replies are managed by admins)",
    async (_, row) => {
      await actAs(victim.agent.actor.id, victim.organizationId);
      await expectNothingChanged(row, refused(row.kind, 403, "This needs the admin role or higher; you are an agent."));
    },
  );

  it.each(ROWS.map((row) => [row.name, row] as const))(
    "%s gives an agent whose teams do not serve the connection nothing of it, and changes nothing",
    async (_, row) => {
      await actAs(victim.otherTeamAgent.actor.id, victim.organizationId);
      const expected =
        row.otherTeamGets ?? (row.role === "admin" ? refused(row.kind, 403, "This needs the admin role or higher; you are an agent.") : refused(row.kind, 404, NOT_FOUND));
      await expectNothingChanged(row, expected);
    },
  );

  it("refuses as the assignee a member whose teams do not serve the conversation's connection", async () => {
    await actAs(victim.agent.actor.id, victim.organizationId);
    const row: Row = {
      name: "assignAction",
      kind: "action",
      role: "agent",
      call: () => action(inboxActions.assignAction({ conversationId: victim.conversationId, assigneeId: victim.otherTeamAgent.actor.id })),
    };
    await expectNothingChanged(row, refused(row.kind, 400, "That member's teams do not serve this conversation's connection."));
  });

  it("lists nothing for an agent naming a connection outside their teams in the filter", async () => {
    await actAs(victim.otherTeamAgent.actor.id, victim.organizationId);
    const outcome = await request(listRoute.GET, `/api/inbox/conversations?assignee=all&connection=${victim.connectionId}`, {});
    expect(outcome).toMatchObject({ ok: true, status: 200, data: { items: [], next: null } });
  });

  it("refuses another organization's member as the assignee", async () => {
    await actAs(victim.agent.actor.id, victim.organizationId);
    const row: Row = {
      name: "assignAction",
      kind: "action",
      role: "agent",
      call: () => action(inboxActions.assignAction({ conversationId: victim.conversationId, assigneeId: outsider.owner.actor.id })),
    };
    await expectNothingChanged(row, refused(row.kind, 400, "Only members of this organization can be assigned."));
  });

  it("lists nothing for a connection filter naming another organization's connection", async () => {
    const filtered: Row = {
      name: "GET /api/inbox/conversations",
      kind: "route",
      role: "agent",
      call: () => request(listRoute.GET, `/api/inbox/conversations?assignee=all&connection=${victim.connectionId}`, {}),
    };
    await actAs(outsider.owner.actor.id, outsider.owner.organization.id);
    await expectNothingChanged(filtered, (outcome) => expect(outcome).toMatchObject({ ok: true, status: 200, data: { items: [], next: null } }));
    await actAs(victim.agent.actor.id, victim.organizationId);
    expect(await filtered.call()).toMatchObject({ ok: true, data: { items: [{ id: victim.conversationId }] } });
  });

  it("sends nothing when another organization reuses the victim's outbox message id in its own conversation", async () => {
    await actAs(outsider.owner.actor.id, outsider.owner.organization.id);
    const reuse: Row = {
      name: "sendMessageAction",
      kind: "action",
      role: "agent",
      call: () => action(inboxActions.sendMessageAction({ clientMessageId: victim.failedOutboxId, conversationId: outsider.conversationId, text: "Mine now" })),
    };
    const outsiderMessages = () => db().message.count({ where: { conversationId: outsider.conversationId } });
    const before = await outsiderMessages();
    await expectNothingChanged(reuse, refused(reuse.kind, 409, /^This message id was already used/));
    expect(await outsiderMessages()).toBe(before);
  });
});

describe("the victim's own members", () => {
  it("succeed with every row, so the refusals above were about who asked", async () => {
    for (const row of ROWS) {
      const member = row.role === "admin" ? victim.admin : victim.agent;
      await actAs(member.actor.id, victim.organizationId);
      const outcome = await row.call();
      expect(outcome, row.name).toMatchObject({ ok: true });
      await row.succeeds?.(outcome);
    }
  }, 60_000);
});
