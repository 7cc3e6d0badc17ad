// Sunbridge's own state of conversations, changed by agents: assignment, status, read, drafts, notes, saved
// replies. Each change is scoped to the member's organization and tells open pages.
import { beforeAll, describe, expect, it } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import { db, sql } from "@/lib/db";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import {
  addNote,
  assignConversation,
  createSavedReply,
  deleteSavedReply,
  getConversationDetails,
  getTimeline,
  listSavedReplies,
  markConversationRead,
  saveDraft,
  setConversationStatus,
  updateSavedReply,
} from "@/lib/inbox";
import { latestLiveEventId } from "@/lib/live";
import { liveEventsAfter } from "@/lib/live/live-events";
import { withTestDatabase } from "../support/database";
import { createConversation, inboxOrganizations } from "../support/inbox";
import { drainWebhookEvents } from "@/lib/webhooks";
import { createWebhookConnection, deliver, suncoId, userMessageEvent, type TestConnection } from "../support/webhooks";

withTestDatabase();

let owner: MemberContext;
let agent: MemberContext;
let outsider: MemberContext;
let connection: TestConnection;

beforeAll(async () => {
  ({ owner, agent, outsider, connection } = await inboxOrganizations());
});

const newConversation = (spec: { unreadCount?: number } = {}) =>
  createConversation({ connectionId: connection.id, organizationId: connection.organizationId, endUser: { givenName: "Nora" }, ...spec });

const conversationRow = (id: string) => db().conversation.findUniqueOrThrow({ where: { id } });

/** What open pages of the organization were told since `since`. */
async function liveSince(since: string, organizationId = connection.organizationId) {
  return (await liveEventsAfter([organizationId], since)).map((event) => ({ type: event.type, data: event.data as Record<string, never> }));
}

describe("assignment and status", () => {
  it("assigns to a member and back to nobody, telling open pages", async () => {
    const conversation = await newConversation();
    const since = await latestLiveEventId();
    await assignConversation(owner, conversation.id, agent.actor.id);
    expect((await conversationRow(conversation.id)).assigneeId).toBe(agent.actor.id);
    expect(await liveSince(since)).toEqual([
      { type: "conversation.updated", data: { conversation: expect.objectContaining({ id: conversation.id, assigneeId: agent.actor.id }) } },
      {
        type: "conversation.activity",
        data: expect.objectContaining({ conversationId: conversation.id, type: "sunbridge:assign", data: { by: owner.actor.name, assigneeId: agent.actor.id, assigneeName: agent.actor.name } }),
      },
      // The assignee's notification (lib/notifications), which only their own streams pass on.
      { type: "notification.created", data: expect.objectContaining({ notification: expect.objectContaining({ kind: "assigned", conversationId: conversation.id }) }) },
    ]);
    await assignConversation(agent, conversation.id, null);
    expect((await conversationRow(conversation.id)).assigneeId).toBeNull();
  });

  it("leaves a line in the thread and an audit entry for each assignment and status change, and none for a change to the same", async () => {
    const conversation = await newConversation();
    await assignConversation(owner, conversation.id, agent.actor.id);
    await assignConversation(owner, conversation.id, agent.actor.id);
    await setConversationStatus(agent, conversation.id, "resolved");
    await setConversationStatus(agent, conversation.id, "open");
    const activities = (await getTimeline(owner, conversation.id)).items.filter((item) => item.kind === "activity");
    expect(activities.map((item) => ({ type: item.type, data: item.data }))).toEqual([
      { type: "sunbridge:assign", data: { by: owner.actor.name, assigneeId: agent.actor.id, assigneeName: agent.actor.name } },
      { type: "sunbridge:status", data: { by: agent.actor.name, from: "open", status: "resolved" } },
      { type: "sunbridge:status", data: { by: agent.actor.name, from: "resolved", status: "open" } },
    ]);
    // The audit names what the conversation held before and what the selection of one was set to.
    const entry = (action: string, by: MemberContext, before: unknown, set: Record<string, unknown>) => ({
      action,
      actorId: by.actor.id,
      connectionId: connection.id,
      before: { [conversation.id]: before },
      after: { conversationIds: [conversation.id], ...set },
      result: "success",
    });
    const audit = await db().auditEvent.findMany({ where: { target: `conversation ${conversation.id}` }, orderBy: { createdAt: "asc" } });
    expect(audit.map(({ action, actorId, connectionId, before, after, result }) => ({ action, actorId, connectionId, before, after, result }))).toEqual([
      entry("conversations.assign", owner, null, { assigneeId: agent.actor.id }),
      entry("conversations.resolve", agent, "open", { status: "resolved" }),
      entry("conversations.reopen", agent, "resolved", { status: "open" }),
    ]);
  });

  it("records a refused change as a failure in the audit log, and changes nothing", async () => {
    const conversation = await newConversation();
    await expect(setConversationStatus(outsider, conversation.id, "resolved")).rejects.toBeInstanceOf(NotFoundError);
    const audit = await db().auditEvent.findMany({ where: { target: `conversation ${conversation.id}` } });
    expect(audit).toEqual([expect.objectContaining({ action: "conversations.resolve", organizationId: outsider.organization.id, result: "failure" })]);
    expect((await getTimeline(owner, conversation.id)).items.filter((item) => item.kind === "activity")).toEqual([]);
  });

  it("refuses to assign to someone outside the organization", async () => {
    const conversation = await newConversation();
    await expect(assignConversation(owner, conversation.id, outsider.actor.id)).rejects.toBeInstanceOf(InvalidInputError);
    expect((await conversationRow(conversation.id)).assigneeId).toBeNull();
  });

  it("resolves, sets pending and reopens", async () => {
    const conversation = await newConversation();
    for (const status of ["resolved", "pending", "open"] as const) {
      await setConversationStatus(agent, conversation.id, status);
      expect((await conversationRow(conversation.id)).status).toBe(status);
    }
  });

  it("reopens a resolved or pending conversation when the end user writes again", async () => {
    const userId = suncoId();
    const suncoConversationId = suncoId();
    await deliver(connection, [userMessageEvent({ conversationId: suncoConversationId, userId, text: "Thanks, bye" })]);
    await drainWebhookEvents();
    const conversation = await db().conversation.findUniqueOrThrow({
      where: { connectionId_suncoConversationId: { connectionId: connection.id, suncoConversationId } },
    });
    await markConversationRead(agent, conversation.id);
    await setConversationStatus(agent, conversation.id, "resolved");
    await deliver(connection, [userMessageEvent({ conversationId: suncoConversationId, userId, text: "One more thing" })]);
    await drainWebhookEvents();
    expect(await conversationRow(conversation.id)).toMatchObject({ status: "open", unreadCount: 1 });
    await setConversationStatus(agent, conversation.id, "pending");
    await deliver(connection, [userMessageEvent({ conversationId: suncoConversationId, userId, text: "Still there?" })]);
    await drainWebhookEvents();
    expect(await conversationRow(conversation.id)).toMatchObject({ status: "open", unreadCount: 2 });
    // Messages the agents had already read (history fetched later, say) reopen nothing.
    await setConversationStatus(agent, conversation.id, "resolved");
    await markConversationRead(agent, conversation.id);
    await deliver(connection, [userMessageEvent({ conversationId: suncoConversationId, userId, text: "Old news", received: new Date(Date.now() - 3_600_000).toISOString() })]);
    await drainWebhookEvents();
    expect((await conversationRow(conversation.id)).status).toBe("resolved");
  });

  it("changes nothing of another organization's conversation", async () => {
    const conversation = await newConversation();
    await expect(assignConversation(outsider, conversation.id, outsider.actor.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(setConversationStatus(outsider, conversation.id, "resolved")).rejects.toBeInstanceOf(NotFoundError);
    await expect(markConversationRead(outsider, conversation.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(saveDraft(outsider, conversation.id, "hi")).rejects.toBeInstanceOf(NotFoundError);
    await expect(addNote(outsider, conversation.id, "hi")).rejects.toBeInstanceOf(NotFoundError);
    expect(await conversationRow(conversation.id)).toMatchObject({ status: "open", assigneeId: null });
    expect(await db().conversationNote.count({ where: { conversationId: conversation.id } })).toBe(0);
  });
});

describe("reading", () => {
  it("clears the unread count once, and queues the read receipt for SunCo", async () => {
    const conversation = await newConversation({ unreadCount: 3 });
    const jobsBefore = await readReceiptJobs(conversation.id);
    expect(await markConversationRead(agent, conversation.id)).toEqual({ changed: true });
    const row = await conversationRow(conversation.id);
    expect(row.unreadCount).toBe(0);
    expect(row.agentLastReadAt).not.toBeNull();
    expect(await readReceiptJobs(conversation.id)).toBe(jobsBefore + 1);
    // Nothing new since: nothing to do.
    expect(await markConversationRead(agent, conversation.id)).toEqual({ changed: false });
    expect(await readReceiptJobs(conversation.id)).toBe(jobsBefore + 1);
  });

  it("tells SunCo nothing for a disconnected connection's conversation", async () => {
    const revoked = await createWebhookConnection({ organizationId: connection.organizationId });
    await sql().query(`UPDATE "Connection" SET "state" = 'revoked' WHERE "id" = $1`, [revoked.id]);
    const conversation = await createConversation({ connectionId: revoked.id, organizationId: revoked.organizationId, unreadCount: 1 });
    expect(await markConversationRead(agent, conversation.id)).toEqual({ changed: true });
    expect(await readReceiptJobs(conversation.id)).toBe(0);
  });
});

async function readReceiptJobs(conversationId: string) {
  const { rows } = await sql().query<{ count: number }>(
    `SELECT count(*)::int AS "count" FROM pgboss.job WHERE name = 'conversation-read-receipt' AND data->>'conversationId' = $1`,
    [conversationId],
  );
  return rows[0]!.count;
}

describe("drafts", () => {
  it("keeps each agent's draft per conversation, and forgets an emptied one", async () => {
    const conversation = await newConversation();
    await saveDraft(agent, conversation.id, "First thoughts");
    await saveDraft(agent, conversation.id, "Second thoughts");
    await saveDraft(owner, conversation.id, "The owner's own");
    expect((await getConversationDetails(agent, conversation.id)).draft).toBe("Second thoughts");
    expect((await getConversationDetails(owner, conversation.id)).draft).toBe("The owner's own");
    await saveDraft(agent, conversation.id, "   ");
    expect((await getConversationDetails(agent, conversation.id)).draft).toBe("");
    expect(await db().conversationDraft.count({ where: { conversationId: conversation.id } })).toBe(1);
  });
});

describe("internal notes", () => {
  it("adds a note to the thread, named after its author, and tells open pages", async () => {
    const conversation = await newConversation();
    const since = await latestLiveEventId();
    const note = await addNote(agent, conversation.id, "Customer is a VIP, be nice");
    expect(note).toMatchObject({ kind: "note", authorId: agent.actor.id, authorName: agent.actor.name, text: "Customer is a VIP, be nice" });
    expect((await getTimeline(owner, conversation.id)).items).toEqual([note]);
    expect(await liveSince(since)).toEqual([{ type: "note.created", data: { conversationId: conversation.id, note } }]);
    // Notes are not activity the end user sees: the conversation does not move up the inbox.
    expect((await conversationRow(conversation.id)).lastMessagePreview).toBeNull();
  });
});

describe("saved replies", () => {
  it("are created, renamed and deleted by admins, listed for everyone in the organization", async () => {
    const reply = await createSavedReply(owner, { title: "Greeting", body: "Hi {{user.givenName|there}}, I'm {{agent.givenName}}." });
    expect(reply).toMatchObject({ title: "Greeting", body: "Hi {{user.givenName|there}}, I'm {{agent.givenName}}." });
    expect((await listSavedReplies(agent)).map((r) => r.title)).toEqual(["Greeting"]);
    expect(await listSavedReplies(outsider)).toEqual([]);
    const renamed = await updateSavedReply(owner, reply.id, { title: "Hello", body: "Hello!" });
    expect(renamed).toMatchObject({ id: reply.id, title: "Hello", body: "Hello!" });
    await deleteSavedReply(owner, reply.id);
    expect(await listSavedReplies(agent)).toEqual([]);
    const audit = await db().auditEvent.findMany({ where: { action: { startsWith: "saved_reply." }, organizationId: owner.organization.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map(({ action, actorId, after, result }) => ({ action, actorId, after, result }))).toEqual([
      { action: "saved_reply.created", actorId: owner.actor.id, after: { id: reply.id, title: "Greeting" }, result: "success" },
      { action: "saved_reply.updated", actorId: owner.actor.id, after: { id: reply.id, title: "Hello" }, result: "success" },
      { action: "saved_reply.deleted", actorId: owner.actor.id, after: null, result: "success" },
    ]);
  });

  it("refuses agents, duplicate titles, unknown variables and other organizations' replies", async () => {
    await expect(createSavedReply(agent, { title: "Mine", body: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    const reply = await createSavedReply(owner, { title: "Refund", body: "Refunded." });
    await expect(createSavedReply(owner, { title: "Refund", body: "Again" })).rejects.toBeInstanceOf(ConflictError);
    const unknown = await createSavedReply(owner, { title: "Bad", body: "Hi {{user.nickname}}" }).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(InvalidInputError);
    expect((unknown as InvalidInputError).fieldErrors.body![0]).toMatch(/\{\{user\.nickname\}\} is not a variable/);
    const outsiderAdmin = outsider;
    await expect(updateSavedReply(outsiderAdmin, reply.id, { title: "Mine now", body: "x" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteSavedReply(outsiderAdmin, reply.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listSavedReplies(owner)).map((r) => r.title)).toEqual(["Refund"]);
  });
});
