// Notifications: written with the change that causes them (an assignment, an end user's message, a mention), for the
// member concerned only when they see the conversation and want that kind, sent live to that member's streams only,
// and read when they open the conversation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import { db, sql } from "@/lib/db";
import { InvalidInputError } from "@/lib/errors";
import { addNote, assignConversations, getTimeline } from "@/lib/inbox";
import { closeLiveHub, latestLiveEventId, openLiveStream } from "@/lib/live";
import { liveEventsAfter } from "@/lib/live/live-events";
import { markNotificationsRead, pruneNotifications, saveNotificationPreferences, unreadNotifications, DEFAULT_PREFERENCES, type NotificationLiveData } from "@/lib/notifications";
import { drainWebhookEvents } from "@/lib/webhooks";
import { addMember, createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { createConversation } from "../support/inbox";
import { sseReader } from "../support/sse";
import { assignWaiting, joinLine, touchPresence } from "@/lib/teams";
import { createTeam } from "../support/teams";
import { createWebhookConnection, deliver, userMessageEvent, type TestConnection } from "../support/webhooks";

withTestDatabase();
afterAll(() => closeLiveHub());

let owner: MemberContext;
let agent: MemberContext;
let colleague: MemberContext;
let connection: TestConnection;

beforeAll(async () => {
  const { organization, owner: ownerUser } = await createOrganization();
  owner = await memberContext(ownerUser.id, organization.id);
  agent = await memberContext((await addMember(organization.id, "agent")).id, organization.id);
  colleague = await memberContext((await addMember(organization.id, "agent")).id, organization.id);
  connection = await createWebhookConnection({ organizationId: organization.id });
});

const conversation = (assigneeId: string | null = null, of: TestConnection = connection) =>
  createConversation({ connectionId: of.id, organizationId: of.organizationId, assigneeId, endUser: { givenName: "Nora" }, messages: [{ text: "My order is late" }] });

async function notificationsSince(since: string) {
  const events = await liveEventsAfter([connection.organizationId], since);
  return events.filter((event) => event.type === "notification.created").map((event) => ({ userId: event.userId, connectionId: event.connectionId, ...(event.data as NotificationLiveData) }));
}

async function endUserWrites(suncoConversationId: string, suncoUserId: string, text: string) {
  await deliver(connection, [userMessageEvent({ conversationId: suncoConversationId, userId: suncoUserId, text, displayName: "Nora" })]);
  await drainWebhookEvents();
}

describe("notifications", () => {
  it("tells the assignee a conversation was assigned to them, and no one who assigns themselves", async () => {
    const { id } = await conversation();
    const since = await latestLiveEventId();
    await assignConversations(owner, [id], agent.actor.id);
    const told = await notificationsSince(since);
    expect(told).toEqual([
      expect.objectContaining({
        userId: agent.actor.id,
        connectionId: connection.id,
        notification: expect.objectContaining({ kind: "assigned", conversationId: id, title: `${owner.actor.name} assigned you a conversation`, body: "My order is late" }),
      }),
    ]);
    const other = await conversation();
    const again = await latestLiveEventId();
    await assignConversations(agent, [other.id], agent.actor.id);
    expect(await notificationsSince(again)).toEqual([]);
  });

  it("tells the assignee when the end user writes, with the unread count, and marks them read when opened", async () => {
    const { id, suncoConversationId, suncoUserId } = await conversation(colleague.actor.id);
    const before = (await unreadNotifications(colleague)).count;
    const since = await latestLiveEventId();
    await endUserWrites(suncoConversationId, suncoUserId!, "Hello, anyone?");
    const told = await notificationsSince(since);
    expect(told).toEqual([
      expect.objectContaining({
        userId: colleague.actor.id,
        unread: before + 1,
        notification: expect.objectContaining({ kind: "message", conversationId: id, title: "New message from Nora", body: "Hello, anyone?" }),
      }),
    ]);
    expect((await unreadNotifications(colleague)).latest.map((notification) => notification.conversationId)).toContain(id);

    const readSince = await latestLiveEventId();
    expect(await markNotificationsRead(colleague, id)).toEqual({ unread: before });
    const read = (await liveEventsAfter([connection.organizationId], readSince)).filter((event) => event.type === "notification.read");
    expect(read).toEqual([expect.objectContaining({ userId: colleague.actor.id, data: { conversationId: id, unread: before } })]);
    // Nothing more to read: nothing written, nothing told.
    const quiet = await latestLiveEventId();
    await markNotificationsRead(colleague, id);
    expect(await liveEventsAfter([connection.organizationId], quiet)).toEqual([]);
  });

  it("writes nothing of a kind the member turned off", async () => {
    const { suncoConversationId, suncoUserId } = await conversation(agent.actor.id);
    await saveNotificationPreferences(agent, { ...DEFAULT_PREFERENCES, message: false });
    try {
      const since = await latestLiveEventId();
      await endUserWrites(suncoConversationId, suncoUserId!, "Still waiting");
      expect(await notificationsSince(since)).toEqual([]);
    } finally {
      await saveNotificationPreferences(agent, DEFAULT_PREFERENCES);
    }
  });

  it("never notifies a member who does not see the conversation's connection", async () => {
    const { organization, owner: ownerUser } = await createOrganization();
    const teamOwner = await memberContext(ownerUser.id, organization.id);
    const outsider = await memberContext((await addMember(organization.id, "agent")).id, organization.id);
    const served = await createWebhookConnection({ organizationId: organization.id });
    const hidden = await createConversation({ connectionId: served.id, organizationId: organization.id, assigneeId: outsider.actor.id, messages: [{ text: "Hi" }] });
    // Once the organization has a team, an agent in none sees nothing: the conversation still assigned to them says nothing.
    await createTeam({ organizationId: organization.id, connectionIds: [served.id], members: [teamOwner.actor.id] });
    const since = await latestLiveEventId();
    await deliver(served, [userMessageEvent({ conversationId: hidden.suncoConversationId, userId: hidden.suncoUserId!, text: "Hello?" })]);
    await drainWebhookEvents();
    const events = await liveEventsAfter([organization.id], since);
    expect(events.filter((event) => event.type === "notification.created")).toEqual([]);
    const { rows } = await sql().query(`SELECT count(*)::int AS n FROM "Notification" WHERE "userId" = $1`, [outsider.actor.id]);
    expect(rows[0]).toEqual({ n: 0 });
  });

  it("counts no unread notification about a conversation the member no longer sees: they could never open it to read it", async () => {
    const { organization, owner: ownerUser } = await createOrganization();
    const teamOwner = await memberContext(ownerUser.id, organization.id);
    const teamAgent = await memberContext((await addMember(organization.id, "agent")).id, organization.id);
    const [kept, lost] = [await createWebhookConnection({ organizationId: organization.id }), await createWebhookConnection({ organizationId: organization.id })];
    const team = await createTeam({ organizationId: organization.id, autoAssign: false, connectionIds: [kept.id, lost.id], members: [teamAgent.actor.id] });
    const onLost = await createConversation({ connectionId: lost.id, organizationId: organization.id, messages: [{ text: "About my refund" }] });
    await assignConversations(teamOwner, [onLost.id], teamAgent.actor.id);
    expect((await unreadNotifications(teamAgent)).count).toBe(1);

    await db().teamConnection.delete({ where: { teamId_connectionId: { teamId: team.id, connectionId: lost.id } } });
    expect(await unreadNotifications(teamAgent)).toEqual({ count: 0, latest: [] });
    const onKept = await createConversation({ connectionId: kept.id, organizationId: organization.id, messages: [{ text: "Hello" }] });
    const since = await latestLiveEventId();
    await assignConversations(teamOwner, [onKept.id], teamAgent.actor.id);
    const [told] = (await liveEventsAfter([organization.id], since)).filter((event) => event.type === "notification.created");
    expect(told?.data).toMatchObject({ unread: 1 });
    expect(await markNotificationsRead(teamAgent, onKept.id)).toEqual({ unread: 0 });
  });

  it("reaches only the streams of the member it is for", async () => {
    const { id } = await conversation();
    const open = (member: MemberContext) => {
      const controller = new AbortController();
      const reader = sseReader(openLiveStream({ organizationId: member.organization.id, memberId: member.actor.id, signal: controller.signal }));
      return { reader, close: () => controller.abort() };
    };
    const mine = open(agent);
    const theirs = open(colleague);
    try {
      await mine.reader.next((frame) => frame.retry !== undefined);
      await theirs.reader.next((frame) => frame.retry !== undefined);
      await assignConversations(owner, [id], agent.actor.id);
      const received = await mine.reader.next((frame) => frame.event === "notification.created");
      expect(JSON.parse(received.data!).notification.conversationId).toBe(id);
      // The colleague's stream has the assignment's update, and no notification after it.
      await theirs.reader.next((frame) => frame.event === "conversation.updated");
      await expect(theirs.reader.next((frame) => frame.event === "notification.created", 1000)).rejects.toThrow(/in time/);
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it("stores a note's mentions, notifies each member mentioned but its author, and keeps only mentions still in the text", async () => {
    const { id } = await conversation();
    const since = await latestLiveEventId();
    const note = await addNote(agent, id, `@${colleague.actor.name} can you check the refund? cc @${agent.actor.name}`, [colleague.actor.id, agent.actor.id, owner.actor.id]);
    // The owner was picked, then their name deleted from the text: not a mention.
    expect(note.mentions).toEqual([
      { userId: colleague.actor.id, name: colleague.actor.name },
      { userId: agent.actor.id, name: agent.actor.name },
    ]);
    expect((await getTimeline(owner, id)).items.find((item) => item.kind === "note")).toMatchObject({ mentions: note.mentions });
    expect(await notificationsSince(since)).toEqual([
      expect.objectContaining({
        userId: colleague.actor.id,
        notification: expect.objectContaining({ kind: "mention", conversationId: id, title: `${agent.actor.name} mentioned you in a note` }),
      }),
    ]);
  });

  it("refuses a mention of a member who does not see the conversation, and writes nothing", async () => {
    const { organization, owner: ownerUser } = await createOrganization();
    const teamOwner = await memberContext(ownerUser.id, organization.id);
    const outsider = await memberContext((await addMember(organization.id, "agent")).id, organization.id);
    const served = await createWebhookConnection({ organizationId: organization.id });
    await createTeam({ organizationId: organization.id, connectionIds: [served.id], members: [teamOwner.actor.id] });
    const { id } = await createConversation({ connectionId: served.id, organizationId: organization.id });
    await expect(addNote(teamOwner, id, `@${outsider.actor.name} look`, [outsider.actor.id])).rejects.toBeInstanceOf(InvalidInputError);
    const { rows } = await sql().query(`SELECT count(*)::int AS n FROM "ConversationNote" WHERE "conversationId" = $1`, [id]);
    expect(rows[0]).toEqual({ n: 0 });
  });

  it("tells an agent auto-assignment gave them a conversation", async () => {
    const { organization } = await createOrganization();
    const served = await createWebhookConnection({ organizationId: organization.id });
    const teamAgent = await memberContext((await addMember(organization.id, "agent")).id, organization.id);
    await createTeam({ organizationId: organization.id, members: [{ userId: teamAgent.actor.id, capacity: 2 }], connectionIds: [served.id] });
    await touchPresence([{ organizationId: organization.id, userId: teamAgent.actor.id }], true);
    const { id } = await createConversation({ connectionId: served.id, organizationId: organization.id, messages: [{ text: "Anyone there?" }] });
    await joinLine(organization.id, [id]);
    const since = await latestLiveEventId();
    expect(await assignWaiting(organization.id)).toEqual([{ conversationId: id, userId: teamAgent.actor.id }]);
    const told = (await liveEventsAfter([organization.id], since)).filter((event) => event.type === "notification.created");
    expect(told).toEqual([
      expect.objectContaining({
        userId: teamAgent.actor.id,
        data: expect.objectContaining({ notification: expect.objectContaining({ kind: "assigned", conversationId: id, title: "A conversation was assigned to you", body: "Anyone there?" }) }),
      }),
    ]);
  });

  it("deletes notifications 30 days old, read or not, and keeps newer ones", async () => {
    const { id } = await conversation();
    await assignConversations(owner, [id], colleague.actor.id);
    await assignConversations(owner, [id], null);
    await assignConversations(owner, [id], colleague.actor.id);
    const { rows } = await sql().query<{ id: string }>(`SELECT "id" FROM "Notification" WHERE "conversationId" = $1 ORDER BY "createdAt"`, [id]);
    expect(rows).toHaveLength(2);
    await sql().query(`UPDATE "Notification" SET "createdAt" = now() - interval '30 days 1 minute' WHERE "id" = $1`, [rows[0]!.id]);
    expect(await pruneNotifications()).toBeGreaterThanOrEqual(1);
    const kept = await sql().query<{ id: string }>(`SELECT "id" FROM "Notification" WHERE "conversationId" = $1`, [id]);
    expect(kept.rows).toEqual([{ id: rows[1]!.id }]);
  });
});
