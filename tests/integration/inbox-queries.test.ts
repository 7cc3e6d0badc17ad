// The inbox's reads: the conversation list (tabs, search, keyset pages), a conversation's thread and its side panel,
// each scoped to the member's organization.
import { beforeAll, describe, expect, it } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import { sql } from "@/lib/db";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { MAX_LISTED_END_USERS } from "@/lib/inbox/search";
import { getConversationDetails, getTimeline, inboxFilterSchema, listConversations, conversationSummary, queryConversations, saveDraft, type ConversationQuery } from "@/lib/inbox";
import { addMember, createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { createTeam } from "../support/teams";
import { addActivity, addMessage, addNote, createConversation } from "../support/inbox";
import { createWebhookConnection, type TestConnection } from "../support/webhooks";

withTestDatabase();

const at = (minute: number, ms = 0) => new Date(Date.UTC(2026, 2, 1, 9, minute, 0, ms));
const filter = (input: Record<string, string> = {}) => inboxFilterSchema.parse(input);

let ctx: MemberContext;
let agentCtx: MemberContext;
let connection: TestConnection;
let otherConnection: TestConnection;
let outsider: MemberContext;

beforeAll(async () => {
  const { organization, owner } = await createOrganization();
  const agent = await addMember(organization.id, "agent");
  ctx = await memberContext(owner.id, organization.id);
  agentCtx = await memberContext(agent.id, organization.id);
  connection = await createWebhookConnection({ organizationId: organization.id });
  otherConnection = await createWebhookConnection({ organizationId: organization.id });
  const other = await createOrganization();
  outsider = await memberContext(other.owner.id, other.organization.id);
});

const names = (page: { items: { endUserName: string }[] }) => page.items.map((item) => item.endUserName);

describe("the conversation list", () => {
  const tenant = () => ({ connectionId: connection.id, organizationId: connection.organizationId });

  beforeAll(async () => {
    await createConversation({ ...tenant(), endUser: { givenName: "Nora", surname: "Jones", email: "nora@example.test" }, lastActivityAt: at(5), unreadCount: 2, messages: [{ text: "Where is my parcel?" }] });
    await createConversation({ ...tenant(), endUser: { givenName: "Omar" }, lastActivityAt: at(4), assigneeId: agentCtx.actor.id, messages: [{ text: "Thanks, all good", authorType: "business" }] });
    await createConversation({ ...tenant(), endUser: { displayName: "Pia from WhatsApp" }, lastActivityAt: at(3), status: "pending" });
    await createConversation({ ...tenant(), endUser: { email: "quinn@example.test" }, lastActivityAt: at(2), status: "resolved", messages: [{ text: "refund 100% done_ok" }] });
    await createConversation({ ...tenant(), endUser: { givenName: "Removed" }, lastActivityAt: at(6), removedAt: at(7) });
    await createConversation({ connectionId: otherConnection.id, organizationId: otherConnection.organizationId, endUser: { givenName: "Rita" }, lastActivityAt: at(1), unreadCount: 1 });
    const stranger = await createWebhookConnection({ organizationId: outsider.organization.id });
    await createConversation({ connectionId: stranger.id, organizationId: outsider.organization.id, endUser: { givenName: "Nora", surname: "Elsewhere" }, lastActivityAt: at(9) });
  });

  it("shows the open conversations of every connection, newest activity first, without removed ones", async () => {
    const page = await listConversations(ctx, filter());
    expect(names(page)).toEqual(["Nora Jones", "Omar", "Rita"]);
    expect(page.items[0]).toMatchObject({
      unreadCount: 2,
      lastMessagePreview: "Where is my parcel?",
      endUserEmail: "nora@example.test",
      connectionName: "Acme support",
      status: "open",
    });
    expect(page.items[1]).toMatchObject({ assigneeId: agentCtx.actor.id, assigneeName: agentCtx.actor.name });
    expect(page.next).toBeNull();
  });

  it("narrows to a status tab, to mine, unassigned and unread, and to a connection", async () => {
    expect(names(await listConversations(ctx, filter({ status: "pending" })))).toEqual(["Pia from WhatsApp"]);
    expect(names(await listConversations(ctx, filter({ status: "resolved" })))).toEqual(["quinn@example.test"]);
    expect(names(await listConversations(agentCtx, filter({ assignee: "mine" })))).toEqual(["Omar"]);
    expect(names(await listConversations(ctx, filter({ assignee: "mine" })))).toEqual([]);
    expect(names(await listConversations(ctx, filter({ assignee: "unassigned" })))).toEqual(["Nora Jones", "Rita"]);
    expect(names(await listConversations(ctx, filter({ unread: "1" })))).toEqual(["Nora Jones", "Rita"]);
    expect(names(await listConversations(ctx, filter({ connection: otherConnection.id })))).toEqual(["Rita"]);
  });

  it("searches names, emails and message text as case-insensitive substrings", async () => {
    expect(names(await listConversations(ctx, filter({ q: "nora JON" })))).toEqual(["Nora Jones"]);
    expect(names(await listConversations(ctx, filter({ q: "whatsapp", status: "pending" })))).toEqual(["Pia from WhatsApp"]);
    expect(names(await listConversations(ctx, filter({ q: "QUINN@", status: "resolved" })))).toEqual(["quinn@example.test"]);
    expect(names(await listConversations(ctx, filter({ q: "parcel" })))).toEqual(["Nora Jones"]);
    // LIKE's wildcards are taken literally.
    expect(names(await listConversations(ctx, filter({ q: "100% done_ok", status: "resolved" })))).toEqual(["quinn@example.test"]);
    expect(names(await listConversations(ctx, filter({ q: "100%%", status: "resolved" })))).toEqual([]);
    // Two characters look at names and emails only.
    expect(names(await listConversations(ctx, filter({ q: "om" })))).toEqual(["Omar"]);
    expect(names(await listConversations(ctx, filter({ q: "al" })))).toEqual([]);
  });

  it("refuses a one-character search and a malformed page", async () => {
    expect(inboxFilterSchema.safeParse({ q: "n" }).success).toBe(false);
    await expect(listConversations(ctx, filter({ after: "yesterday" }))).rejects.toBeInstanceOf(InvalidInputError);
    await expect(listConversations(ctx, filter({ after: "1767225600000.not-a-uuid" }))).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("shows another organization's conversations to nobody", async () => {
    expect(names(await listConversations(outsider, filter({ q: "nora" })))).toEqual(["Nora Elsewhere"]);
    const [mine] = (await listConversations(ctx, filter())).items;
    expect(await conversationSummary(outsider, mine!.id)).toBeNull();
    expect(await conversationSummary(ctx, mine!.id)).toMatchObject({ endUserName: "Nora Jones" });
    expect(await conversationSummary(ctx, "not-an-id")).toBeNull();
  });
});

describe("keyset pages", () => {
  it("cover every conversation exactly once, in order, through ties and while new ones arrive", async () => {
    const { organization, owner } = await createOrganization();
    const member = await memberContext(owner.id, organization.id);
    const tenant = await createWebhookConnection({ organizationId: organization.id });
    const created: string[] = [];
    // Three share one millisecond, two another: pages must split ties without losing or repeating any.
    for (const [index, time] of [at(10), at(9), at(9), at(9), at(8), at(7), at(7), at(6)].entries()) {
      const conversation = await createConversation({ connectionId: tenant.id, organizationId: organization.id, endUser: { givenName: `P${index}` }, lastActivityAt: time });
      created.push(conversation.id);
    }
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await listConversations(member, filter(after ? { after } : {}), 3);
      seen.push(...page.items.map((item) => item.id));
      after = page.next ?? undefined;
      pages += 1;
      // Activity newer than every page: it goes to the top, and the pages after this one do not move.
      if (pages === 1) await createConversation({ connectionId: tenant.id, organizationId: organization.id, endUser: { givenName: "Late" }, lastActivityAt: at(30) });
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(created.length);
    expect([...seen].sort()).toEqual([...created].sort());
    const times = await sql().query<{ id: string; t: Date }>(`SELECT "id", "lastActivityAt" AS "t" FROM "Conversation" WHERE "id" = ANY($1::uuid[])`, [seen]);
    const timeOf = new Map(times.rows.map((row) => [row.id, row.t.getTime()]));
    const order = seen.map((id) => timeOf.get(id)!);
    expect(order).toEqual([...order].sort((a, b) => b - a));
  });
});

describe("a team's pages", () => {
  // An agent's page is merged from a page of each of their teams' connections (lib/inbox/list-conversations.ts): it
  // must be the organization's page narrowed to those connections, row for row, through ties across connections.
  it("are the organization's narrowed to the team's connections: the same rows, order and cursors, on every tab", async () => {
    const { organization, owner } = await createOrganization();
    const admin = await memberContext(owner.id, organization.id);
    const agent = await memberContext((await addMember(organization.id, "agent")).id, organization.id);
    const [first, second, outside] = [
      await createWebhookConnection({ organizationId: organization.id }),
      await createWebhookConnection({ organizationId: organization.id }),
      await createWebhookConnection({ organizationId: organization.id }),
    ];
    await createTeam({ organizationId: organization.id, members: [agent.actor.id], connectionIds: [first.id, second.id] });
    const statuses = ["open", "open", "pending", "resolved"] as const;
    for (let i = 0; i < 36; i++) {
      // The newest eight are the first connection's (a page drawn from one connection); the rest take turns; pairs
      // share a time, across connections.
      const tenant = i < 8 ? first : [first, second, outside][i % 3]!;
      await createConversation({
        connectionId: tenant.id,
        organizationId: organization.id,
        endUser: { givenName: `P${i}` },
        lastActivityAt: at(40 - Math.floor(i / 2)),
        status: statuses[i % 4],
        assigneeId: i % 5 === 0 ? agent.actor.id : i % 5 === 1 ? owner.id : null,
        unreadCount: i % 2,
        removedAt: i === 9 ? at(50) : null,
      });
    }
    const queries: ConversationQuery[] = [
      { status: "open" },
      { status: "open", assigneeId: agent.actor.id },
      { status: "open", assigneeId: null },
      { status: "open", unread: true },
      { status: "pending" },
      { status: "resolved" },
      { status: "resolved", assigneeId: null, unread: true },
      { status: "open", connectionId: second.id },
      // The partner API's, without a status.
      {},
    ];
    const served = new Set([first.id, second.id]);
    for (const query of queries) {
      const everything = await queryConversations(admin, query, 100);
      const expected = everything.items.filter((item) => served.has(item.connectionId)).map((item) => item.id);
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await queryConversations(agent, { ...query, after }, 3);
        seen.push(...page.items.map((item) => item.id));
        after = page.next ?? undefined;
        // A next page exactly when rows remain, from the last row shown.
        expect(page.next === null).toBe(seen.length === expected.length);
      } while (after);
      expect(seen, JSON.stringify(query)).toEqual(expected);
      expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0);
    }
    // A connection outside the team's: nothing, not even through the filter.
    expect((await queryConversations(agent, { status: "open", connectionId: outside.id })).items).toEqual([]);
    expect((await queryConversations(admin, { status: "open", connectionId: outside.id })).items.length).toBeGreaterThan(0);
  });
});

describe("search pages", () => {
  // A search runs its name half and its message half as separate queries and merges their pages: a conversation
  // matching both ways shows once, in its place, and the tab and the cursor narrow both halves alike.
  it("cover every match exactly once, in order, whether by name, message or both, and however many people match", async () => {
    const { organization, owner } = await createOrganization();
    const member = await memberContext(owner.id, organization.id);
    const tenant = await createWebhookConnection({ organizationId: organization.id });
    const add = (minute: number, endUser: { givenName: string }, messages: string[], more: { status?: "resolved"; removedAt?: Date } = {}) =>
      createConversation({ connectionId: tenant.id, organizationId: organization.id, endUser, lastActivityAt: at(minute), messages: messages.map((text) => ({ text, receivedAt: at(minute) })), ...more });
    const byName = await add(20, { givenName: "Kimberly" }, ["hello"]);
    const byMessage = await add(19, { givenName: "Lee" }, ["Any kimchi left?", "thanks"]);
    const both = await add(19, { givenName: "Kim" }, ["kimono size?"]);
    await add(18, { givenName: "Noor" }, ["nothing to see"]);
    const older = await add(10, { givenName: "Ola" }, ["an old KIMCHI order"]);
    const oldest = await add(5, { givenName: "Akim" }, []);
    await add(15, { givenName: "Kimi" }, ["kimchi"], { status: "resolved" });
    await add(16, { givenName: "Kiara Kim" }, [], { removedAt: at(17) });
    const tieOrder = [byMessage.id, both.id].sort();
    const expected = [byName.id, ...tieOrder, older.id, oldest.id];

    const searchAll = async () => {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await listConversations(member, filter({ q: "KIM", ...(after ? { after } : {}) }), 2);
        seen.push(...page.items.map((item) => item.id));
        after = page.next ?? undefined;
      } while (after);
      return seen;
    };
    expect(await searchAll()).toEqual(expected);

    // More matching people than are looked up by id (none of them in a conversation): the other way, same pages.
    await sql().query(
      `INSERT INTO "SuncoUser" ("organizationId", "connectionId", "suncoUserId", "givenName")
       SELECT $1, $2, 'kim-' || i, 'Kim ' || i FROM generate_series(1, $3::int) AS i`,
      [organization.id, tenant.id, MAX_LISTED_END_USERS + 1],
    );
    expect(await searchAll()).toEqual(expected);
  });
});

describe("a conversation's thread", () => {
  it("merges messages, notes and activities in time order and pages back without skipping or repeating at ties", async () => {
    const conversation = await createConversation({ connectionId: connection.id, organizationId: connection.organizationId, endUser: { givenName: "Tess" } });
    const org = connection.organizationId;
    const expected: string[] = [];
    for (let minute = 0; minute < 12; minute++) {
      expected.push(await addMessage(org, conversation.id, { text: `message ${minute}`, receivedAt: at(minute) }));
      // Same millisecond as the message: a note and an activity.
      if (minute % 3 === 0) expected.push(await addNote(org, conversation.id, { text: `note ${minute}`, createdAt: at(minute) }));
      if (minute % 4 === 0) expected.push(await addActivity(conversation.id, { type: "conversation:postback", occurredAt: at(minute), data: { postback: { payload: "TRACK" } } }));
    }
    const seen: string[] = [];
    let before: string | undefined;
    do {
      const page = await getTimeline(ctx, conversation.id, { before, limit: 4 });
      seen.unshift(...page.items.map((item) => item.id));
      before = page.before ?? undefined;
    } while (before);
    expect(seen).toEqual(expected);

    const first = await getTimeline(ctx, conversation.id, { limit: 3 });
    expect(first.items.map((item) => item.kind)).toEqual(["note", "message", "message"]);
    expect(first.items[2]).toMatchObject({ kind: "message", text: "message 11", authorType: "user", deliveryStatus: "sent", retryable: false });
  });

  it("is not found from another organization, nor for an id that is not one", async () => {
    const [mine] = (await listConversations(ctx, filter())).items;
    await expect(getTimeline(outsider, mine!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTimeline(ctx, "42")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getTimeline(ctx, mine!.id, { before: "x" })).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe("the side panel", () => {
  it("shows the end user with channels and devices, the connection, the handoff state and the agent's own draft", async () => {
    const conversation = await createConversation({
      connectionId: connection.id,
      organizationId: connection.organizationId,
      endUser: { givenName: "Uma", surname: "Ito", email: "uma@example.test" },
    });
    await sql().query(
      `UPDATE "SuncoUser" SET "identities" = $2, "metadata" = $3, "locale" = 'ja-JP' WHERE "id" = $1`,
      [conversation.endUserId, JSON.stringify([{ type: "email", value: "uma@example.test", verification: "verified" }]), JSON.stringify({ plan: "gold" })],
    );
    await sql().query(
      `INSERT INTO "SuncoClient" ("connectionId", "suncoClientId", "userId", "type", "status", "displayName", "snapshotAt") VALUES ($1, 'c1', $2, 'whatsapp', 'active', '+81 90', now())`,
      [connection.id, conversation.endUserId],
    );
    await sql().query(
      `INSERT INTO "SuncoDevice" ("connectionId", "suncoDeviceId", "userId", "type", "appVersion", "snapshotAt") VALUES ($1, 'd1', $2, 'ios', '2.1', now())`,
      [connection.id, conversation.endUserId],
    );
    await sql().query(
      `UPDATE "Conversation" SET "metadata" = '{"orderId": "A-1"}', "activeSwitchboardIntegration" = '{"name": "bot", "integrationType": "custom"}' WHERE "id" = $1`,
      [conversation.id],
    );
    await saveDraft(ctx, conversation.id, "Half-written answer");

    const details = await getConversationDetails(ctx, conversation.id);
    expect(details).toMatchObject({
      status: "open",
      metadata: { orderId: "A-1" },
      connection: { appName: "Acme support", state: "active", authType: "oauth" },
      draft: "Half-written answer",
      readOnlyReason: null,
      endUser: {
        name: "Uma Ito",
        email: "uma@example.test",
        locale: "ja-JP",
        metadata: { plan: "gold" },
        identities: [{ type: "email", value: "uma@example.test", verification: "verified" }],
        channels: [{ id: "c1", type: "whatsapp", status: "active", displayName: "+81 90", removed: false }],
        devices: [{ id: "d1", type: "ios", appVersion: "2.1" }],
      },
      handoff: {
        active: { name: "bot" },
        inControl: false,
        pass: { allowed: true },
        release: { allowed: false },
        listTargets: { allowed: false },
      },
    });
    // Drafts are each agent's own.
    expect((await getConversationDetails(agentCtx, conversation.id)).draft).toBe("");
    await expect(getConversationDetails(outsider, conversation.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("says why a disconnected connection's conversations are read-only", async () => {
    const conversation = await createConversation({ connectionId: otherConnection.id, organizationId: otherConnection.organizationId });
    await sql().query(`UPDATE "Connection" SET "state" = 'revoked' WHERE "id" = $1`, [otherConnection.id]);
    const details = await getConversationDetails(ctx, conversation.id);
    expect(details.readOnlyReason).toMatch(/disconnected/);
    expect(details.handoff.pass).toEqual({ allowed: false, reason: details.readOnlyReason });
    await sql().query(`UPDATE "Connection" SET "state" = 'active' WHERE "id" = $1`, [otherConnection.id]);
  });
});
