// From stored webhook events to the read model: every event type of the spec, in any order, any number of times.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db, sql } from "@/lib/db";
import { logger } from "@/lib/log";
import { metrics } from "@/lib/observability/metrics";
import { drainWebhookEvents, MAX_ATTEMPTS, processWebhookEvents } from "@/lib/webhooks";
import { webhookExamples } from "@/tests/support/sunco/spec";
import { withTestDatabase } from "../support/database";
import { createWebhookConnection, deliver, suncoId, userMessageEvent, type TestConnection } from "../support/webhooks";

// The spec's examples and the fixtures here carry fixed timestamps from long ago, which the route would refuse as
// replays past the retention window (webhook-route.test.ts tests that): here they are delivered as if on time.
vi.mock("@/lib/webhooks/retention", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/webhooks/retention")>()),
  isPastRetention: () => false,
}));

const database = withTestDatabase();

let connection: TestConnection;
beforeEach(async () => {
  connection = await createWebhookConnection();
});

/** The spec's examples reuse one event id for many types; SunCo never would, so each gets its own. */
function exampleEvents() {
  return webhookExamples().map((example) => {
    const [event] = (example.value as { events: Record<string, unknown>[] }).events;
    return { name: example.name, event: { ...event!, id: suncoId() } };
  });
}

async function deliverAndProcess(events: unknown[]) {
  const response = await deliver(connection, events);
  expect(response.status).toBe(200);
  await drainWebhookEvents();
}

const conversationOf = (suncoConversationId: string) =>
  db().conversation.findUniqueOrThrow({
    where: { connectionId_suncoConversationId: { connectionId: connection.id, suncoConversationId } },
  });

const userOf = (suncoUserId: string) =>
  db().suncoUser.findUniqueOrThrow({ where: { connectionId_suncoUserId: { connectionId: connection.id, suncoUserId } } });

async function eventStates() {
  const events = await db().webhookEvent.findMany({ where: { connectionId: connection.id }, orderBy: { id: "asc" } });
  return events.map((e) => ({ type: e.type, state: e.state, error: e.error, attempts: e.attempts }));
}

const minutes = (n: number) => new Date(Date.UTC(2026, 0, 5, 12, n)).toISOString();

describe("every example payload of the spec", () => {
  it("is accepted and processed into the read model", async () => {
    const examples = exampleEvents();
    expect(examples).toHaveLength(25);
    // All examples are about one conversation at one instant: its removal goes last, so there is something to remove.
    const removal = examples.find((e) => e.name === "conversation:remove")!;
    await deliverAndProcess(examples.filter((e) => e !== removal).map((e) => e.event));

    // conversation:create, then everything else about f52b01137aa6c250bc7251fa
    const conversation = await conversationOf("f52b01137aa6c250bc7251fa");
    expect(conversation).toMatchObject({ organizationId: connection.organizationId });
    expect(conversation.suncoCreatedAt).toEqual(new Date("2020-09-30T15:14:29.834Z"));
    // conversation:message
    const message = await db().message.findFirstOrThrow({ where: { suncoMessageId: "5f74c7d84a146f3abd72af1d" } });
    expect(message).toMatchObject({
      conversationId: conversation.id,
      authorType: "user",
      authorDisplayName: "Steve Rogers",
      contentType: "text",
      content: { type: "text", text: "hello" },
      text: "hello",
      sourceType: "telegram",
      receivedAt: new Date("2020-09-30T18:00:56.820Z"),
    });
    expect(conversation).toMatchObject({ lastMessagePreview: "hello", channelType: "telegram", unreadCount: 1 });
    // delivery events: a timeline, before the messages they are about ever arrive
    const deliveries = await db().messageDelivery.findMany({ where: { conversationId: conversation.id }, orderBy: { kind: "asc" } });
    expect(deliveries.map((d) => [d.suncoMessageId, d.kind])).toEqual([
      ["5f74a31c2b5315fc007e7997", "delivered_to_channel"],
      ["5f74be6256be263abf0ffd5f", "failed"],
      ["5f74b82c56be263abf0ffd50", "delivered_to_user"],
    ]);
    expect(deliveries[1]).toMatchObject({ errorCode: "uncategorized_error", errorMessage: "Unsupported message type `form`" });
    // postback, referral, join/leave, switchboard and client events leave timeline entries
    const activities = await db().conversationActivity.findMany({ where: { conversationId: conversation.id } });
    expect(new Set(activities.map((a) => a.type))).toEqual(
      new Set([
        "conversation:create",
        "conversation:postback",
        "conversation:referral",
        "conversation:join",
        "conversation:leave",
        "switchboard:acceptControl",
        "switchboard:acceptControl:failure",
        "switchboard:offerControl",
        "switchboard:offerControl:failure",
        "switchboard:passControl",
        "switchboard:passControl:failure",
        "switchboard:releaseControl",
      ]),
    );
    expect(activities.find((a) => a.type === "conversation:postback")!.data).toMatchObject({ postback: { payload: "Greet" } });
    // client:add/update/remove on their own conversation, and the twilio client ends removed
    const client = await db().suncoClient.findFirstOrThrow({ where: { connectionId: connection.id, suncoClientId: "61290a4f7821c3f206d690a3" } });
    expect(client).toMatchObject({ type: "twilio", removedReason: "sdk" });
    // user:merge
    const discarded = await userOf("1a64f7f75028fef55f815007");
    expect(discarded.mergedIntoId).toBe((await userOf("26508c10541a4b0ff472e5e2")).id);
    // user:remove
    const removed = await userOf("6748e3ae32378e732938e031");
    expect(removed).toMatchObject({ externalId: null, removedAt: new Date("2024-11-28T21:42:10.691Z") });

    // conversation:remove: what the conversation held up to then is gone; the message received after stays.
    await deliverAndProcess([removal.event]);
    expect(await conversationOf("f52b01137aa6c250bc7251fa")).toMatchObject({ removedAt: new Date("2020-09-30T15:14:29.834Z") });
    // The referral example has no createdAt: it counts as of its arrival, after the removal.
    const left = await db().conversationActivity.findMany({ where: { conversationId: conversation.id } });
    expect(left.map((a) => a.type)).toEqual(["conversation:referral"]);
    expect(await db().messageDelivery.count({ where: { conversationId: conversation.id } })).toBe(0);
    expect(await db().message.count({ where: { conversationId: conversation.id } })).toBe(1);

    const states = await eventStates();
    expect(states.filter((s) => s.state !== "processed")).toEqual([]);
    expect(states).toHaveLength(25);
  });
});

describe("processing", () => {
  it("processes a redelivered event once: one message, one unread", async () => {
    const processed = async () =>
      (await metrics().webhookEventsProcessed.get()).values.find(
        (v) => v.labels.type === "conversation:message" && v.labels.outcome === "processed",
      )?.value ?? 0;
    const before = await processed();
    const event = userMessageEvent({ conversationId: suncoId(), userId: suncoId() });
    await deliverAndProcess([event]);
    await deliverAndProcess([event]);
    expect(await processed()).toBe(before + 1);
    const conversation = await conversationOf(event.payload.conversation.id);
    expect(await db().message.count({ where: { conversationId: conversation.id } })).toBe(1);
    expect(conversation.unreadCount).toBe(1);
  });

  it("keeps a message whose content type or client type SunCo added after our spec", async () => {
    const event = userMessageEvent({ conversationId: suncoId(), userId: suncoId() });
    const message = event.payload.message as Record<string, unknown>;
    message.content = { type: "reaction", emoji: "👍", text: "liked your message" };
    message.author = { ...(message.author as object), subtypes: ["copilot"] };
    await deliverAndProcess([event]);
    const conversation = await conversationOf(event.payload.conversation.id);
    const [stored] = await db().message.findMany({ where: { conversationId: conversation.id } });
    expect(stored).toMatchObject({ contentType: "reaction", text: "liked your message", content: { emoji: "👍" } });
  });

  it("ends in the right state whatever order events arrive in", async () => {
    const conversationId = suncoId();
    const userId = suncoId();
    const businessMessageId = suncoId();
    const first = userMessageEvent({ conversationId, userId, text: "first", received: minutes(1) });
    const second = userMessageEvent({ conversationId, userId, text: "second", received: minutes(2) });
    const profile = (at: string, givenName: string) => ({
      id: suncoId(),
      type: "user:update",
      createdAt: at,
      payload: { user: { id: userId, authenticated: true, profile: { givenName, surname: "Rogers" }, metadata: { tier: givenName } } },
    });
    const switchboard = (type: string, at: string, name: string) => ({
      id: suncoId(),
      type,
      createdAt: at,
      payload: {
        conversation: {
          id: conversationId,
          type: "personal",
          activeSwitchboardIntegration: { id: suncoId(), name, integrationId: suncoId(), integrationType: "custom" },
        },
      },
    });
    const delivery = (type: string, at: string) => ({
      id: suncoId(),
      type,
      createdAt: at,
      payload: {
        conversation: { id: conversationId, type: "personal" },
        message: { id: businessMessageId },
        destination: { type: "web" },
        isFinalEvent: type !== "conversation:message:delivery:channel",
      },
    });
    const businessMessage = {
      id: suncoId(),
      type: "conversation:message",
      createdAt: minutes(3),
      payload: {
        conversation: { id: conversationId, type: "personal" },
        message: { id: businessMessageId, received: minutes(3), author: { type: "business", displayName: "Ada" }, content: { type: "text", text: "How can I help?" } },
      },
    };
    const read = (at: string) => ({
      id: suncoId(),
      type: "conversation:read",
      createdAt: at,
      payload: { conversation: { id: conversationId, type: "personal" }, activity: { type: "conversation:read", author: { type: "user", userId } } },
    });

    // Newest first, each in its own batch, so the database (not just the in-memory fold) has to keep order.
    for (const event of [
      delivery("conversation:message:delivery:user", minutes(5)),
      read(minutes(6)),
      switchboard("switchboard:passControl", minutes(4), "agent"),
      profile(minutes(4), "Steve"),
      businessMessage,
      delivery("conversation:message:delivery:channel", minutes(4)),
      second,
      read(minutes(2)),
      switchboard("switchboard:passControl", minutes(1), "bot"),
      profile(minutes(1), "Grant"),
      first,
    ]) {
      await deliverAndProcess([event]);
    }

    const conversation = await conversationOf(conversationId);
    expect(conversation).toMatchObject({
      lastMessagePreview: "How can I help?",
      lastMessageAuthorType: "business",
      lastMessageAt: new Date(minutes(3)),
      lastUserMessageAt: new Date(minutes(2)),
      // First seen through the delivery receipt of minute 5; messages older than that don't move it back.
      lastActivityAt: new Date(minutes(5)),
      userLastReadAt: new Date(minutes(6)),
      unreadCount: 2,
      activeSwitchboardIntegration: { name: "agent" },
    });
    expect(await userOf(userId)).toMatchObject({ givenName: "Steve", metadata: { tier: "Steve" }, authenticated: true });
    const message = await db().message.findFirstOrThrow({ where: { suncoMessageId: businessMessageId } });
    expect(message.deliveryStatus).toBe("delivered_to_user");
  });

  it("replays without duplicating messages, timeline entries or unread counts", async () => {
    const conversationId = suncoId();
    const userId = suncoId();
    const events = [
      userMessageEvent({ conversationId, userId, text: "one", received: minutes(1) }),
      userMessageEvent({ conversationId, userId, text: "two", received: minutes(2) }),
      {
        id: suncoId(),
        type: "conversation:postback",
        createdAt: minutes(3),
        payload: { conversation: { id: conversationId, type: "personal" }, postback: { payload: "YES" }, user: { id: userId } },
      },
    ];
    await deliverAndProcess(events);
    const conversation = await conversationOf(conversationId);
    const snapshot = async () => ({
      messages: await db().message.count({ where: { conversationId: conversation.id } }),
      activities: await db().conversationActivity.count({ where: { conversationId: conversation.id } }),
      conversation: await conversationOf(conversationId),
    });
    const before = await snapshot();
    await sql().query(`UPDATE "WebhookEvent" SET "state" = 'pending' WHERE "connectionId" = $1`, [connection.id]);
    await drainWebhookEvents();
    expect(await snapshot()).toEqual(before);
    expect(before).toMatchObject({ messages: 2, activities: 1, conversation: { unreadCount: 2 } });
  });

  it("marks an event whose payload does not match the spec failed, and processes the rest", async () => {
    const good = userMessageEvent({ conversationId: suncoId(), userId: suncoId() });
    const bad = { id: suncoId(), type: "conversation:message", createdAt: minutes(1), payload: { conversation: { id: "x" } } };
    await deliverAndProcess([bad, good]);
    const states = await eventStates();
    expect(states.at(-2)).toMatchObject({ state: "failed", error: expect.stringMatching(/does not match SunCo's schema.*payload\.conversation\.type/) });
    expect(states.at(-1)).toMatchObject({ state: "processed" });
  });

  it("retries an event that fails to apply, then marks it failed, without holding back the others", async () => {
    const poison = userMessageEvent({ conversationId: suncoId(), userId: suncoId() });
    // Valid per the spec's format, but before year 1, which PostgreSQL cannot store.
    poison.payload.message.received = "0000-01-01T00:00:00.000Z";
    const good = userMessageEvent({ conversationId: suncoId(), userId: suncoId() });
    await deliverAndProcess([poison, good]);
    expect((await eventStates()).slice(-2)).toMatchObject([
      { state: "pending", attempts: 1, error: expect.stringMatching(/out of range/) },
      { state: "processed", attempts: 1 },
    ]);
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      await sql().query(`UPDATE "WebhookEvent" SET "availableAt" = now() WHERE "state" = 'pending'`);
      await drainWebhookEvents();
    }
    expect((await eventStates()).at(-2)).toMatchObject({ state: "failed", attempts: MAX_ATTEMPTS });
  });

  it("notes when the connection last received an event, from the worker", async () => {
    expect((await db().connection.findUniqueOrThrow({ where: { id: connection.id } })).lastEventAt).toBeNull();
    await deliver(connection, [userMessageEvent({ conversationId: suncoId(), userId: suncoId() })]);
    const stored = await db().webhookEvent.findFirstOrThrow({ where: { connectionId: connection.id } });
    expect((await db().connection.findUniqueOrThrow({ where: { id: connection.id } })).lastEventAt).toBeNull();
    await drainWebhookEvents();
    expect((await db().connection.findUniqueOrThrow({ where: { id: connection.id } })).lastEventAt).toEqual(stored.receivedAt);
  });

  it("completes the outbox's own message with SunCo's echo of it, instead of adding another", async () => {
    const conversationId = suncoId();
    await deliverAndProcess([userMessageEvent({ conversationId, userId: suncoId() })]);
    const conversation = await conversationOf(conversationId);
    const outbox = await db().message.create({
      data: {
        organizationId: connection.organizationId,
        conversationId: conversation.id,
        clientMessageId: "outbox-7",
        authorType: "business",
        author: { type: "business" },
        contentType: "text",
        content: { type: "text", text: "On its way" },
        text: "On its way",
        receivedAt: new Date(),
        deliveryStatus: "sending",
      },
    });
    const suncoMessageId = suncoId();
    const echo = {
      id: suncoId(),
      type: "conversation:message",
      createdAt: new Date().toISOString(),
      payload: {
        conversation: { id: conversationId, type: "personal" },
        message: {
          id: suncoMessageId,
          received: new Date().toISOString(),
          author: { type: "business", displayName: "Sam" },
          content: { type: "text", text: "On its way" },
          metadata: { sunbridgeClientMessageId: "outbox-7" },
        },
      },
    };
    await deliverAndProcess([echo]);
    await deliverAndProcess([{ ...echo, id: suncoId() }]);
    const messages = await db().message.findMany({ where: { conversationId: conversation.id, authorType: "business" } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id: outbox.id, suncoMessageId, deliveryStatus: "sent", authorDisplayName: "Sam" });
  });

  it("lets two workers whose batches share conversations and users in opposite orders finish without a deadlock", async () => {
    // End users, each in a conversation Sunbridge knows already. The first batch meets them in one order, the second
    // in the reverse order: without one lock order, each worker would hold rows the other waits for.
    const pairs = Array.from({ length: 200 }, () => ({ conversationId: suncoId(), userId: suncoId() }));
    const at = (n: number) => new Date(Date.UTC(2026, 0, 5, 12, 0, 0, n)).toISOString();
    await deliverAndProcess(pairs.map((pair, n) => userMessageEvent({ ...pair, received: at(n) })));
    const forward = pairs.map((pair, n) => userMessageEvent({ ...pair, received: at(1000 + n) }));
    const backward = [...pairs].reverse().map((pair, n) => userMessageEvent({ ...pair, received: at(2000 + n) }));
    expect((await deliver(connection, forward)).status).toBe(200);
    expect((await deliver(connection, backward)).status).toBe(200);
    const warn = vi.spyOn(logger(), "warn");
    try {
      const [a, b] = await Promise.all([processWebhookEvents({ limit: pairs.length }), processWebhookEvents({ limit: pairs.length })]);
      expect(a + b).toBe(2 * pairs.length);
      // A deadlock would roll a batch back and process its events one by one, saying so.
      expect(warn.mock.calls.filter(([, message]) => message === "webhook batch failed; processing its events one by one")).toEqual([]);
    } finally {
      warn.mockRestore();
    }
    expect((await eventStates()).filter((s) => s.state !== "processed")).toEqual([]);
    const last = await conversationOf(pairs[0]!.conversationId);
    expect(last.lastMessageAt?.toISOString()).toBe(at(2000 + pairs.length - 1));
  });

  it("never lets two workers process one event", async () => {
    const events = Array.from({ length: 300 }, (_, n) =>
      userMessageEvent({ conversationId: suncoId(), userId: suncoId(), text: `message ${n}` }),
    );
    for (let i = 0; i < events.length; i += 50) expect((await deliver(connection, events.slice(i, i + 50))).status).toBe(200);
    const other = database.connectAgain();
    try {
      const work = async (driver = database().sql) => {
        let claimed = 0;
        for (let n; (n = await processWebhookEvents({ limit: 20, driver })) > 0; ) claimed += n;
        return claimed;
      };
      const [a, b] = await Promise.all([work(), work(other)]);
      expect(a + b).toBe(events.length);
    } finally {
      if (other !== database().sql) await other.close();
    }
    const states = await eventStates();
    expect(states.filter((s) => s.state !== "processed" || s.attempts !== 1)).toEqual([]);
    expect(await db().message.count({ where: { conversation: { connectionId: connection.id } } })).toBe(events.length);
  });
});
