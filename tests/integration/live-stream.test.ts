// Live updates: a page gets its organization's events as they are committed, resumes after a reconnect with nothing
// missing, and nothing of another organization's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/live/route";
import { db, sql } from "@/lib/db";
import { closeLiveHub, openLiveStream, pruneLiveEvents, publishLiveEvents } from "@/lib/live";
import { liveHub } from "@/lib/live/hub";
import { drainWebhookEvents } from "@/lib/webhooks";
import { ACCESS_CHECK_INTERVAL_MS } from "@/lib/auth/access-watch";
import { conversationSummary, getTimeline } from "@/lib/inbox";
import { SCOPE_CHECK_INTERVAL_MS } from "@/lib/teams";
import { actAs, addMember, createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { createConversation } from "../support/inbox";
import { createTeam } from "../support/teams";
import { sseReader } from "../support/sse";
import { createWebhookConnection, deliver, suncoId, userMessageEvent } from "../support/webhooks";

const database = withTestDatabase();
afterAll(() => closeLiveHub());

let organizationA: string;
let organizationB: string;
beforeAll(async () => {
  organizationA = (await createOrganization("A")).organization.id;
  organizationB = (await createOrganization("B")).organization.id;
});

const publish = (organizationId: string, n: number) =>
  sql().transaction((tx) => publishLiveEvents(tx, [{ organizationId, type: "test.event", data: { n } }]));

/** A page's stream, once set up (its retry line comes last). */
async function stream(organizationId: string, lastEventId?: string | null) {
  const controller = new AbortController();
  const reader = sseReader(openLiveStream({ organizationId, lastEventId, signal: controller.signal }));
  const missed = lastEventId ? [] : [await reader.next((frame) => frame.retry !== undefined)];
  return { reader, missed, close: () => controller.abort() };
}

/** A page that saw event `n` of the organization and went away: the id it resumes after. */
async function pageThatSaw(organizationId: string, n: number) {
  const first = await stream(organizationId);
  await publish(organizationId, n);
  const [seen] = await first.reader.events(1);
  first.close();
  return seen!.id;
}

describe("the live stream", () => {
  it("tells the reconnect delay, then delivers the organization's events in order, and none of another's", async () => {
    const a = await stream(organizationA);
    expect(a.missed).toEqual([{ retry: "2000" }]);
    await publish(organizationB, 1);
    await publish(organizationA, 2);
    await publish(organizationA, 3);
    const events = await a.reader.events(2);
    expect(events.map((e) => [e.event, JSON.parse(e.data!).n])).toEqual([
      ["test.event", 2],
      ["test.event", 3],
    ]);
    expect(BigInt(events[1]!.id!)).toBeGreaterThan(BigInt(events[0]!.id!));
    a.close();
  });

  it("resumes after Last-Event-ID with exactly what was missed", async () => {
    const seen = await pageThatSaw(organizationA, 10);
    for (const n of [11, 12, 13]) await publish(organizationA, n);
    await publish(organizationB, 99);

    const resumed = await stream(organizationA, seen);
    const missed = await resumed.reader.events(3);
    expect(missed.map((e) => JSON.parse(e.data!).n)).toEqual([11, 12, 13]);
    await publish(organizationA, 14);
    expect(JSON.parse((await resumed.reader.events(1))[0]!.data!).n).toBe(14);
    resumed.close();
  });

  it("says reset when what the page missed was pruned", async () => {
    const seen = await pageThatSaw(organizationA, 20);
    await publish(organizationA, 21);
    await publish(organizationA, 22);
    await pruneLiveEvents(sql(), -60_000);
    const resumed = await stream(organizationA, seen);
    const reset = await resumed.reader.next((frame) => frame.event !== undefined);
    expect(reset.event).toBe("reset");
    await publish(organizationA, 23);
    expect(JSON.parse((await resumed.reader.events(1))[0]!.data!).n).toBe(23);
    resumed.close();
  });

  it("sends heartbeats, and lets go of everything when the page goes away", async () => {
    const controller = new AbortController();
    const reader = sseReader(openLiveStream({ organizationId: organizationA, signal: controller.signal, heartbeatMs: 20 }));
    expect(await reader.next((frame) => frame.comment === "ping")).toMatchObject({ comment: "ping" });
    expect(liveHub().subscribers).toBeGreaterThan(0);
    controller.abort();
    await expect(reader.next(() => true, 1000)).rejects.toThrow(/ended/);
    expect(liveHub().subscribers).toBe(0);
  });

  it("carries a webhook's message to the organization's open pages", async () => {
    const connection = await createWebhookConnection({ organizationId: organizationA });
    const page = await stream(organizationA);
    const event = userMessageEvent({ conversationId: suncoId(), userId: suncoId(), text: "Is my order on its way?" });
    expect((await deliver(connection, [event])).status).toBe(200);
    await drainWebhookEvents();
    const created = await page.reader.next((frame) => frame.event === "message.created");
    expect(JSON.parse(created.data!)).toMatchObject({ message: { text: "Is my order on its way?", authorType: "user" } });
    const updated = await page.reader.next((frame) => frame.event === "conversation.updated");
    expect(JSON.parse(updated.data!)).toMatchObject({ conversation: { lastMessagePreview: "Is my order on its way?", unreadCount: 1 } });
    page.close();
  });

  it("tells pages a webhook's message as the thread shows it, and the conversation as the list shows it", async () => {
    const { organization, owner } = await createOrganization();
    const ctx = await memberContext(owner.id, organization.id);
    const connection = await createWebhookConnection({ organizationId: organization.id });
    const page = await stream(organization.id);
    const event = userMessageEvent({ conversationId: suncoId(), userId: suncoId(), text: "Where is my parcel?" });
    expect((await deliver(connection, [event])).status).toBe(200);
    await drainWebhookEvents();
    const created = JSON.parse((await page.reader.next((frame) => frame.event === "message.created")).data!);
    const { items } = await getTimeline(ctx, created.conversationId);
    expect([{ kind: "message", ...created.message }]).toEqual(items);
    const { conversation } = JSON.parse((await page.reader.next((frame) => frame.event === "conversation.updated")).data!);
    const { id, connectionId, status, assigneeId, unreadCount, lastMessagePreview, lastMessageAuthorType, lastActivityAt, channelType } =
      (await conversationSummary(ctx, created.conversationId))!;
    expect(conversation).toMatchObject({ id, connectionId, status, assigneeId, unreadCount, lastMessagePreview, lastMessageAuthorType, lastActivityAt, channelType });
    page.close();
  });
});

describe("publishing", () => {
  it("makes ids visible in order: a second publisher waits until the first commits", async () => {
    const other = database.connectAgain();
    try {
      const order: string[] = [];
      let firstPublished!: () => void;
      const published = new Promise<void>((resolve) => (firstPublished = resolve));
      const first = sql().transaction(async (tx) => {
        await publishLiveEvents(tx, [{ organizationId: organizationA, type: "test.order", data: { n: 1 } }]);
        firstPublished();
        await new Promise((resolve) => setTimeout(resolve, 300));
        order.push("first committed");
      });
      await published;
      const second = other.transaction(async (tx) => {
        await publishLiveEvents(tx, [{ organizationId: organizationA, type: "test.order", data: { n: 2 } }]);
        order.push("second published");
      });
      await Promise.all([first, second]);
      expect(order).toEqual(["first committed", "second published"]);
      const { rows } = await sql().query<{ n: number }>(
        `SELECT ("data"->>'n')::int AS "n" FROM "LiveEvent" WHERE "type" = 'test.order' ORDER BY "id"`,
      );
      expect(rows.map((row) => row.n)).toEqual([1, 2]);
    } finally {
      if (other !== sql()) await other.close();
    }
  });
});

describe("GET /api/live", () => {
  const get = (query = "", headers: Record<string, string> = {}) => {
    const controller = new AbortController();
    const request = new Request(`http://localhost/api/live${query}`, { headers, signal: controller.signal });
    return { response: GET(request, { params: Promise.resolve({}) }), close: () => controller.abort() };
  };

  it("answers 401 to nobody signed in", async () => {
    await actAs(null);
    expect((await get().response).status).toBe(401);
  });

  it("streams the member's active organization, and refuses another organization", async () => {
    const agent = await addMember(organizationA, "agent");
    await actAs(agent.id, organizationA);
    const { response, close } = get();
    const opened = await response;
    expect(opened.status).toBe(200);
    expect(opened.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = sseReader(opened.body!);
    await reader.next((frame) => frame.retry !== undefined);
    await publish(organizationB, 1);
    await publish(organizationA, 2);
    expect(JSON.parse((await reader.events(1))[0]!.data!).n).toBe(2);
    close();
    expect((await get(`?organizationId=${organizationB}`).response).status).toBe(403);
  });

  /** A member's open stream, and how long after `revoke` it said "access-ended" and ended. */
  async function streamEndsAfter(revoke: (ids: { userId: string; sessionId: string }) => Promise<void>) {
    const agent = await addMember(organizationA, "agent");
    const sessionId = (await actAs(agent.id, organizationA))!;
    const { response, close } = get();
    const reader = sseReader((await response).body!);
    await reader.next((frame) => frame.retry !== undefined);
    const revokedAt = Date.now();
    await revoke({ userId: agent.id, sessionId });
    // Another instance's change: the stream's process is told nothing, it finds out from the database.
    const ended = await reader.next((frame) => frame.event === "access-ended", 10_000);
    const elapsed = Date.now() - revokedAt;
    await expect(reader.next(() => true, 1000)).rejects.toThrow(/ended/);
    close();
    return { ended, elapsed };
  }

  /** Runs `statement` as another app instance would: through a connection of its own (on PostgreSQL). */
  async function elsewhere(statement: string, params: unknown[]) {
    const other = database.connectAgain();
    try {
      await other.query(statement, params);
    } finally {
      if (other !== sql()) await other.close();
    }
  }

  it("ends within seconds once the member is removed from the organization", async () => {
    const { elapsed } = await streamEndsAfter(({ userId }) =>
      elsewhere(`DELETE FROM "Membership" WHERE "userId" = $1 AND "organizationId" = $2`, [userId, organizationA]),
    );
    expect(elapsed).toBeLessThan(ACCESS_CHECK_INTERVAL_MS + 2000);
  });

  it("ends within seconds once the member signs out", async () => {
    const { elapsed } = await streamEndsAfter(({ sessionId }) => elsewhere(`DELETE FROM "Session" WHERE "id" = $1`, [sessionId]));
    expect(elapsed).toBeLessThan(ACCESS_CHECK_INTERVAL_MS + 2000);
  });

  it("ends within seconds once the session expires", async () => {
    const { elapsed } = await streamEndsAfter(({ sessionId }) =>
      elsewhere(`UPDATE "Session" SET "expiresAt" = now() - interval '1 second' WHERE "id" = $1`, [sessionId]),
    );
    expect(elapsed).toBeLessThan(ACCESS_CHECK_INTERVAL_MS + 2000);
  });

  it("keeps streaming to a member who keeps access", async () => {
    const agent = await addMember(organizationA, "agent");
    await actAs(agent.id, organizationA);
    const { response, close } = get();
    const reader = sseReader((await response).body!);
    await reader.next((frame) => frame.retry !== undefined);
    await new Promise((resolve) => setTimeout(resolve, ACCESS_CHECK_INTERVAL_MS * 2));
    await publish(organizationA, 40);
    expect(JSON.parse((await reader.events(1))[0]!.data!).n).toBe(40);
    close();
  });

  it("sends an agent only their teams' connections' events, and none of a connection within seconds of it leaving the team", async () => {
    const { organization } = await createOrganization("Teams");
    const [c1, c2, c3] = [
      (await createWebhookConnection({ organizationId: organization.id })).id,
      (await createWebhookConnection({ organizationId: organization.id })).id,
      (await createWebhookConnection({ organizationId: organization.id })).id,
    ];
    const agent = await addMember(organization.id, "agent");
    const team = await createTeam({ organizationId: organization.id, members: [agent.id], connectionIds: [c1!, c2!] });
    // A conversation of c3: its events name the connection without the publisher saying so.
    const elsewhereConversation = await createConversation({ organizationId: organization.id, connectionId: c3!, messages: [] });
    await actAs(agent.id, organization.id);
    const { response, close } = get();
    const reader = sseReader((await response).body!);
    await reader.next((frame) => frame.retry !== undefined);
    const send = (n: number, connectionId: string | null, data: object = {}) =>
      sql().transaction((tx) => publishLiveEvents(tx, [{ organizationId: organization.id, connectionId, type: "test.event", data: { n, ...data } }]));

    await send(1, c1!);
    await send(2, c3!);
    await sql().transaction((tx) =>
      publishLiveEvents(tx, [{ organizationId: organization.id, type: "test.event", data: { n: 3, conversationId: elsewhereConversation.id } }]),
    );
    await send(4, c2!);
    await send(5, null);
    expect((await reader.events(3)).map((e) => JSON.parse(e.data!).n)).toEqual([1, 4, 5]);

    const removedAt = Date.now();
    await db().teamConnection.delete({ where: { teamId_connectionId: { teamId: team.id, connectionId: c2! } } });
    // The page is told to reload what it shows, which may hold c2's conversations.
    await reader.next((frame) => frame.event === "reset", 10_000);
    expect(Date.now() - removedAt).toBeLessThan(SCOPE_CHECK_INTERVAL_MS + 2000);
    await send(6, c2!);
    await send(7, c1!);
    expect((await reader.events(1)).map((e) => JSON.parse(e.data!).n)).toEqual([7]);
    close();
  });

  it("resumes from the Last-Event-ID header", async () => {
    const agent = await addMember(organizationA, "agent");
    await actAs(agent.id, organizationA);
    await publish(organizationA, 30);
    const { rows } = await sql().query<{ id: string }>(`SELECT max("id")::text AS "id" FROM "LiveEvent"`);
    await publish(organizationA, 31);
    const { response, close } = get("", { "last-event-id": rows[0]!.id });
    const reader = sseReader((await response).body!);
    expect(JSON.parse((await reader.events(1))[0]!.data!).n).toBe(31);
    close();
    expect(await db().liveEvent.count()).toBeGreaterThan(0);
  });
});
