// Labels, snoozes and changes to a selection of conversations (the list's bulk actions), and the satisfaction survey
// sent on resolving: each change is made to the whole selection or to none of it, within the member's organization,
// audited and told to open pages.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import { db, sql } from "@/lib/db";
import { ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import {
  assignConversations,
  createLabel,
  deleteLabel,
  getTimeline,
  inboxFilterSchema,
  labelConversations,
  listConversations,
  listLabels,
  reopenDueSnoozes,
  setConversationsStatus,
  snoozeConversations,
  updateLabel,
} from "@/lib/inbox";
import { latestLiveEventId } from "@/lib/live";
import { liveEventsAfter } from "@/lib/live/live-events";
import { createEndpoint } from "@/lib/partner-events";
import { setSatisfactionSurvey } from "@/lib/organizations/settings";
import { listSatisfactionRatings, recordSurveyAnswers, RATING_FIELD, COMMENT_FIELD, SURVEY_QUEUE } from "@/lib/satisfaction";
import { sendSurveys } from "@/lib/satisfaction/send-survey";
import { drainWebhookEvents } from "@/lib/webhooks";
import { withTestDatabase } from "../support/database";
import { createConversation, inboxOrganizations } from "../support/inbox";
import { deliver, suncoId, userMessageEvent, type TestConnection } from "../support/webhooks";

withTestDatabase();

let owner: MemberContext;
let agent: MemberContext;
let outsider: MemberContext;
let connection: TestConnection;
let outsiderConnection: TestConnection;

beforeAll(async () => {
  ({ owner, agent, outsider, connection, outsiderConnection } = await inboxOrganizations());
});

const newConversations = (count: number, of: TestConnection = connection) =>
  Promise.all(Array.from({ length: count }, () => createConversation({ connectionId: of.id, organizationId: of.organizationId, endUser: { givenName: "Nora" } })));

const rows = (ids: string[]) =>
  db().conversation.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, assigneeId: true, labelIds: true, snoozedUntil: true } });

const idsOf = (conversations: { id: string }[]) => conversations.map((conversation) => conversation.id);

async function updatedSince(since: string) {
  const events = await liveEventsAfter([connection.organizationId], since);
  return events.filter((event) => event.type === "conversation.updated").map((event) => (event.data as { conversation: { id: string } }).conversation.id);
}

const lastAudit = () => db().auditEvent.findFirstOrThrow({ where: { organizationId: connection.organizationId }, orderBy: { createdAt: "desc" } });

const list = (ctx: MemberContext, query: Record<string, string>) => listConversations(ctx, inboxFilterSchema.parse(query));

describe("changes to a selection", () => {
  it("resolves five conversations at once, tells open pages about each, and records it", async () => {
    const selection = idsOf(await newConversations(5));
    const since = await latestLiveEventId();
    expect(await setConversationsStatus(agent, selection, "resolved")).toEqual({ changed: 5 });
    expect((await rows(selection)).map((row) => row.status)).toEqual(Array(5).fill("resolved"));
    expect((await updatedSince(since)).sort()).toEqual([...selection].sort());
    expect(await lastAudit()).toMatchObject({ action: "conversations.resolve", target: "5 conversations", result: "success", actorId: agent.actor.id });
  });

  it("leaves a line in the thread of each conversation it changes, none in one already so, and audits only the changed", async () => {
    const [already, ...others] = idsOf(await newConversations(3));
    await setConversationsStatus(agent, [already!], "resolved");
    expect(await setConversationsStatus(owner, [already!, ...others], "resolved")).toEqual({ changed: 2 });
    const lines = async (id: string) =>
      (await getTimeline(owner, id)).items.filter((item) => item.kind === "activity").map((item) => ({ type: item.type, data: item.data }));
    expect(await lines(already!)).toEqual([{ type: "sunbridge:status", data: { by: agent.actor.name, from: "open", status: "resolved" } }]);
    for (const id of others) expect(await lines(id)).toEqual([{ type: "sunbridge:status", data: { by: owner.actor.name, from: "open", status: "resolved" } }]);
    expect(await lastAudit()).toMatchObject({ action: "conversations.resolve", target: "3 conversations", after: { conversationIds: expect.arrayContaining(others), status: "resolved" } });
    // Nothing to change: no line, no audit entry.
    const audited = await db().auditEvent.count({ where: { organizationId: connection.organizationId } });
    expect(await setConversationsStatus(owner, [already!, ...others], "resolved")).toEqual({ changed: 0 });
    expect(await db().auditEvent.count({ where: { organizationId: connection.organizationId } })).toBe(audited);
    expect(await lines(already!)).toHaveLength(1);
  });

  it("assigns a selection, and refuses an assignee from another organization", async () => {
    const selection = idsOf(await newConversations(3));
    await assignConversations(agent, selection, owner.actor.id);
    expect((await rows(selection)).map((row) => row.assigneeId)).toEqual(Array(3).fill(owner.actor.id));
    await expect(assignConversations(agent, selection, outsider.actor.id)).rejects.toBeInstanceOf(InvalidInputError);
    expect((await rows(selection)).map((row) => row.assigneeId)).toEqual(Array(3).fill(owner.actor.id));
  });

  it("refuses a selection holding another organization's conversation, and changes none of it", async () => {
    const mine = idsOf(await newConversations(3));
    const [theirs] = idsOf(await newConversations(1, outsiderConnection));
    const label = await createLabel(owner, { name: `Refused ${randomUUID().slice(0, 6)}`, color: "red" });
    const until = new Date(Date.now() + 3_600_000);
    const since = await latestLiveEventId();
    const attempts = [
      () => setConversationsStatus(agent, [...mine, theirs!], "resolved"),
      () => assignConversations(agent, [...mine, theirs!], agent.actor.id),
      () => labelConversations(agent, [...mine, theirs!], label.id, "add"),
      () => snoozeConversations(agent, [...mine, theirs!], until),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(NotFoundError);
    for (const row of await rows([...mine, theirs!])) expect(row).toMatchObject({ status: "open", assigneeId: null, labelIds: [], snoozedUntil: null });
    expect(await updatedSince(since)).toEqual([]);
    expect(await lastAudit()).toMatchObject({ action: "conversations.snooze", result: "failure" });
    // Nor can the other organization change ours.
    await expect(setConversationsStatus(outsider, mine, "resolved")).rejects.toBeInstanceOf(NotFoundError);
    expect((await rows(mine)).map((row) => row.status)).toEqual(Array(3).fill("open"));
  });
});

describe("labels", () => {
  it("are managed by owners and admins only, with names unique whatever their case", async () => {
    await expect(createLabel(agent, { name: "Agents cannot", color: "blue" })).rejects.toBeInstanceOf(ForbiddenError);
    const label = await createLabel(owner, { name: "Billing", color: "blue" });
    await expect(createLabel(owner, { name: "billing", color: "red" })).rejects.toThrow(/already exists/);
    expect(await updateLabel(owner, label.id, { name: "Billing & invoices", color: "green" })).toEqual({ id: label.id, name: "Billing & invoices", color: "green" });
    expect(await listLabels(outsider)).toEqual([]);
    await expect(updateLabel(outsider, label.id, { name: "Stolen", color: "red" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("go on and off conversations, filter the list (by id or label:name in a search), and leave them when deleted", async () => {
    const label = await createLabel(owner, { name: "VIP customer", color: "purple" });
    const [tagged, other] = idsOf(await newConversations(2));
    await labelConversations(agent, [tagged!], label.id, "add");
    await labelConversations(agent, [tagged!], label.id, "add");
    expect((await rows([tagged!]))[0]!.labelIds).toEqual([label.id]);

    expect(idsOf((await list(agent, { label: label.id })).items)).toEqual([tagged]);
    expect(idsOf((await list(agent, { q: 'label:"vip customer"' })).items)).toEqual([tagged]);
    expect(idsOf((await list(agent, { q: 'label:"VIP customer" Nora' })).items)).toEqual([tagged]);
    expect((await list(agent, { q: "label:nonexistent" })).items).toEqual([]);
    // Another organization's label, or its name, finds nothing here.
    const theirs = await createLabel(outsider, { name: "Theirs", color: "gray" });
    expect((await list(agent, { label: theirs.id })).items).toEqual([]);
    expect(idsOf((await list(agent, {})).items)).toEqual(expect.arrayContaining([tagged, other]));

    await labelConversations(agent, [tagged!], label.id, "remove");
    expect((await list(agent, { label: label.id })).items).toEqual([]);
    await labelConversations(agent, [tagged!, other!], label.id, "add");
    await deleteLabel(owner, label.id);
    expect((await rows([tagged!, other!])).map((row) => row.labelIds)).toEqual([[], []]);
    await expect(labelConversations(agent, [tagged!], label.id, "add")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("snooze", () => {
  it("moves conversations to the snoozed tab until their time, then reopens them and tells open pages", async () => {
    const selection = idsOf(await newConversations(2));
    const until = new Date(Date.now() + 60 * 60_000);
    await snoozeConversations(agent, selection, until);
    const open = idsOf((await list(agent, {})).items);
    expect(open).not.toContain(selection[0]);
    expect(idsOf((await list(agent, { status: "snoozed" })).items)).toEqual(expect.arrayContaining(selection));

    expect(await reopenDueSnoozes(new Date(until.getTime() - 1000))).toBe(0);
    expect((await rows(selection)).map((row) => row.status)).toEqual(["snoozed", "snoozed"]);
    const since = await latestLiveEventId();
    expect(await reopenDueSnoozes(new Date(until.getTime() + 1000))).toBe(2);
    for (const row of await rows(selection)) expect(row).toMatchObject({ status: "open", snoozedUntil: null });
    expect((await updatedSince(since)).sort()).toEqual([...selection].sort());
    expect(await reopenDueSnoozes(new Date(until.getTime() + 1000))).toBe(0);
  });

  it("ends early when the end user writes, and when an agent changes the status", async () => {
    const userId = suncoId();
    const suncoConversationId = suncoId();
    await deliver(connection, [userMessageEvent({ conversationId: suncoConversationId, userId, text: "Hello" })]);
    await drainWebhookEvents();
    const { id } = await db().conversation.findUniqueOrThrow({ where: { connectionId_suncoConversationId: { connectionId: connection.id, suncoConversationId } } });
    await snoozeConversations(agent, [id], new Date(Date.now() + 24 * 3_600_000));
    await deliver(connection, [userMessageEvent({ conversationId: suncoConversationId, userId, text: "Are you there?" })]);
    await drainWebhookEvents();
    expect((await rows([id]))[0]).toMatchObject({ status: "open", snoozedUntil: null });

    await snoozeConversations(agent, [id], new Date(Date.now() + 24 * 3_600_000));
    await setConversationsStatus(agent, [id], "resolved");
    expect((await rows([id]))[0]).toMatchObject({ status: "resolved", snoozedUntil: null });
  });

  it("refuses a time in the past or more than a year ahead", async () => {
    const selection = idsOf(await newConversations(1));
    await expect(snoozeConversations(agent, selection, new Date(Date.now() - 1000))).rejects.toBeInstanceOf(InvalidInputError);
    await expect(snoozeConversations(agent, selection, new Date(Date.now() + 400 * 24 * 3_600_000))).rejects.toBeInstanceOf(InvalidInputError);
    expect((await rows(selection))[0]!.status).toBe("open");
  });
});

describe("satisfaction survey", () => {
  const surveyJobs = async () => {
    const { rows: jobs } = await sql().query<{ id: string; data: { conversationId: string; assigneeId: string | null } }>(
      `SELECT "id"::text, "data" FROM pgboss.job WHERE "name" = $1`,
      [SURVEY_QUEUE.name],
    );
    return jobs;
  };

  it("is sent only when the organization asks for it", async () => {
    const [conversation] = idsOf(await newConversations(1));
    const before = (await surveyJobs()).length;
    await setConversationsStatus(agent, [conversation!], "resolved");
    expect((await surveyJobs()).length).toBe(before);
  });

  it("is sent as a form on resolving, and the end user's answer is stored as a rating without reopening", async () => {
    await expect(setSatisfactionSurvey(agent, true)).rejects.toBeInstanceOf(ForbiddenError);
    await setSatisfactionSurvey(owner, true);
    const userId = suncoId();
    const suncoConversationId = suncoId();
    await deliver(connection, [userMessageEvent({ conversationId: suncoConversationId, userId, text: "Help" })]);
    await drainWebhookEvents();
    const { id } = await db().conversation.findUniqueOrThrow({ where: { connectionId_suncoConversationId: { connectionId: connection.id, suncoConversationId } } });
    await assignConversations(agent, [id], agent.actor.id);

    await setConversationsStatus(agent, [id], "resolved");
    const jobs = (await surveyJobs()).filter((job) => job.data.conversationId === id);
    expect(jobs).toEqual([{ id: expect.any(String), data: { conversationId: id, assigneeId: agent.actor.id } }]);
    await sendSurveys(jobs.map((job) => ({ id: job.id, ...job.data })));
    await sendSurveys(jobs.map((job) => ({ id: job.id, ...job.data })));
    const forms = await db().message.findMany({ where: { conversationId: id, contentType: "form" } });
    expect(forms).toHaveLength(1);
    expect(forms[0]).toMatchObject({ authorType: "business", clientMessageId: jobs[0]!.id, deliveryStatus: "sending" });
    expect(await db().outboxMessage.count({ where: { id: jobs[0]!.id } })).toBe(1);

    const received = new Date().toISOString();
    await deliver(connection, [
      userMessageEvent({
        conversationId: suncoConversationId,
        userId,
        received,
        content: {
          type: "formResponse",
          fields: [
            { type: "select", name: RATING_FIELD, label: "How satisfied are you?", select: [{ name: "4", label: "4 – Satisfied" }] },
            { type: "text", name: COMMENT_FIELD, label: "Anything to add?", text: "Quick and kind" },
          ],
          textFallback: "How satisfied are you?: 4 – Satisfied\nAnything to add?: Quick and kind",
        },
      }),
    ]);
    await drainWebhookEvents();
    expect((await rows([id]))[0]!.status).toBe("resolved");
    expect(await recordSurveyAnswers()).toBe(1);
    expect(await recordSurveyAnswers()).toBe(0);
    const ratings = await listSatisfactionRatings(owner, { from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 60_000) });
    expect(ratings).toEqual([
      expect.objectContaining({ conversationId: id, connectionId: connection.id, assigneeId: agent.actor.id, rating: 4, comment: "Quick and kind", answeredAt: new Date(received) }),
    ]);
    expect(await listSatisfactionRatings(outsider, { from: new Date(0), to: new Date(Date.now() + 60_000) })).toEqual([]);
    await setSatisfactionSurvey(owner, false);
  });
});

describe("the partner's events", () => {
  it("records conversation.updated for each conversation an assignment, status change or snooze changed, and none for labels", async () => {
    await createEndpoint(owner, { url: "https://partner.example.test/events", description: "Orders", eventTypes: ["conversation.updated"] });
    const [a, b, c] = idsOf(await newConversations(3));
    const events = async () =>
      (await db().partnerEvent.findMany({ where: { conversationId: { in: [a!, b!, c!] } }, orderBy: { sequence: "asc" } })).map((event) => {
        const data = event.data as { conversation: { id: string; status: string; assigneeId: string | null }; changed: string[] };
        return { type: event.type, id: data.conversation.id, status: data.conversation.status, assigneeId: data.conversation.assigneeId, changed: data.changed };
      });

    await setConversationsStatus(agent, [a!], "pending");
    await setConversationsStatus(agent, [a!, b!, c!], "pending");
    await assignConversations(agent, [a!, b!], agent.actor.id);
    await assignConversations(agent, [a!, b!], agent.actor.id);
    await snoozeConversations(agent, [c!], new Date(Date.now() + 3_600_000));
    const label = await createLabel(owner, { name: `Events ${randomUUID().slice(0, 6)}`, color: "blue" });
    await labelConversations(agent, [a!], label.id, "add");

    const pending = { type: "conversation.updated", status: "pending", assigneeId: null, changed: ["status"] };
    const all = await events();
    // In commit order; the events of one change in no particular order among themselves.
    const byId = (group: typeof all) => [...group].sort((x, y) => x.id.localeCompare(y.id));
    expect(all).toHaveLength(6);
    expect(all[0]).toEqual({ ...pending, id: a });
    // The selection's second change: `a` was pending already.
    expect(byId(all.slice(1, 3))).toEqual([b!, c!].sort().map((id) => ({ ...pending, id })));
    // Assigned twice: the second changed nothing.
    expect(byId(all.slice(3, 5))).toEqual(
      [a!, b!].sort().map((id) => ({ type: "conversation.updated", id, status: "pending", assigneeId: agent.actor.id, changed: ["assignee"] })),
    );
    expect(all[5]).toEqual({ type: "conversation.updated", id: c, status: "snoozed", assigneeId: null, changed: ["status"] });
  });
});
