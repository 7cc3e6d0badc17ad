// The webhook worker settling a channel link (lib/outreach) beside writers of the same conversation: the first message
// is written with the conversation's row locked before the batch takes the ordering locks of partner and live events,
// so a worker never holds those while it waits for a row that another transaction (an agent sending in that
// conversation, another batch) holds while it waits for them.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db, sql, type SqlDriver } from "@/lib/db";
import { publishLiveEvents } from "@/lib/live";
import { logger } from "@/lib/log";
import { CHANNEL_LINK_TIMEOUT_HOURS, expireUnansweredChannelLinks, insertChannelLink } from "@/lib/outreach/channel-links";
import { drainWebhookEvents, processWebhookEvents } from "@/lib/webhooks";
import { withTestDatabase } from "../support/database";
import { createWebhookConnection, deliver, suncoId, userMessageEvent, type TestConnection } from "../support/webhooks";

vi.mock("@/lib/webhooks/retention", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/webhooks/retention")>()),
  isPastRetention: () => false,
}));

const database = withTestDatabase();
/** PGlite runs one transaction at a time: there, nothing can wait for a lock. */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let connection: TestConnection;
let other: SqlDriver;
beforeEach(async () => {
  connection = await createWebhookConnection();
  other = database.connectAgain();
});
afterEach(async () => {
  if (other !== database().sql) await other.close();
});

const clientUpdate = (userId: string, integrationId: string) => ({
  id: suncoId(),
  type: "client:update",
  createdAt: new Date().toISOString(),
  payload: { user: { id: userId }, client: { id: suncoId(), type: "whatsapp", status: "active", integrationId, externalId: "+15145550100" } },
});

/** A conversation an end user started (through the webhook worker), and a WhatsApp integration to link them on. */
async function userConversation() {
  const [userId, suncoConversationId, integrationId] = [suncoId(), suncoId(), suncoId()];
  await deliver(connection, [userMessageEvent({ conversationId: suncoConversationId, userId })]);
  await drainWebhookEvents();
  const conversation = await db().conversation.findUniqueOrThrow({ where: { connectionId_suncoConversationId: { connectionId: connection.id, suncoConversationId } } });
  return { userId, integrationId, conversation };
}

/** A WhatsApp link waiting for the channel, holding an agent's first message. */
const pendingLink = (conversationId: string, suncoUserId: string, integrationId: string, outboxId: string) =>
  insertChannelLink(sql(), {
    organizationId: connection.organizationId,
    connectionId: connection.id,
    conversationId,
    suncoUserId,
    channelType: "whatsapp",
    integrationId,
    target: "+1 514 555 0100",
    held: { body: { author: { type: "business", displayName: "Sam" }, content: { type: "text", text: "Your order is ready." } }, sentBy: "agent" },
    outboxId,
    createdById: null,
  });

/** Resolves once some session of the database waits for a row lock. */
async function someoneWaitsForALock(monitor: SqlDriver) {
  for (let tries = 0; tries < 200; tries++) {
    const { rows } = await monitor.query<{ waiting: number }>(`SELECT count(*)::int AS "waiting" FROM pg_stat_activity WHERE "wait_event_type" = 'Lock'`);
    if (rows[0]!.waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("nobody waited for a lock");
}

describe("settling a channel link in the webhook worker", () => {
  it("waits for an agent's transaction holding the conversation, without a deadlock, and sends the first message once", async () => {
    const { userId, integrationId, conversation } = await userConversation();
    const outboxId = randomUUID();
    const link = await pendingLink(conversation.id, userId, integrationId, outboxId);
    // The link's confirmation, in a batch that also has live events to publish (another conversation's message).
    await deliver(connection, [clientUpdate(userId, integrationId), userMessageEvent({ conversationId: suncoId(), userId: suncoId() })]);

    // An agent's transaction in the same conversation: the row first, then its live events (as sendMessage does).
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const rowLocked = new Promise<void>((resolve) => (locked = resolve));
    const agent = other.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM "Conversation" WHERE "id" = $1::uuid FOR UPDATE`, [conversation.id]);
      locked();
      await released;
      await publishLiveEvents(tx, [{ organizationId: connection.organizationId, type: "conversation.typing", data: { conversationId: conversation.id } }]);
    });
    await rowLocked;

    const warn = vi.spyOn(logger(), "warn");
    const monitor = onPostgres ? database.connectAgain() : null;
    try {
      const worker = processWebhookEvents();
      if (monitor) await someoneWaitsForALock(monitor);
      release();
      await agent;
      expect(await worker).toBe(2);
      // A deadlock would roll the batch back and process its events one by one, saying so.
      expect(warn.mock.calls.filter(([, message]) => message === "webhook batch failed; processing its events one by one")).toEqual([]);
    } finally {
      warn.mockRestore();
      if (monitor && monitor !== database().sql) await monitor.close();
    }
    expect(await db().channelLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ state: "linked" });
    expect(await db().outboxMessage.count({ where: { id: outboxId } })).toBe(1);
  });
});

describe("a channel link SunCo never answers", () => {
  it("fails after a day, with its reason, and a confirmation arriving later sends nothing", async () => {
    const { userId, integrationId, conversation } = await userConversation();
    const [stale, fresh] = [await pendingLink(conversation.id, userId, integrationId, randomUUID()), await pendingLink(conversation.id, userId, integrationId, randomUUID())];
    const now = new Date();
    await db().channelLink.update({ where: { id: stale.id }, data: { createdAt: new Date(now.getTime() - (CHANNEL_LINK_TIMEOUT_HOURS * 3_600 + 1) * 1000) } });
    await db().channelLink.update({ where: { id: fresh.id }, data: { createdAt: new Date(now.getTime() - (CHANNEL_LINK_TIMEOUT_HOURS * 3_600 - 60) * 1000) } });

    expect(await expireUnansweredChannelLinks(now)).toBe(1);
    expect(await db().channelLink.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({
      state: "failed",
      failureReason: expect.stringContaining(`did not confirm the link within ${CHANNEL_LINK_TIMEOUT_HOURS} hours, so nothing was sent`),
    });
    expect(await db().channelLink.findUniqueOrThrow({ where: { id: fresh.id } })).toMatchObject({ state: "pending" });

    // The channel confirms at last: the fresh link sends its message, the expired one stays failed and sends nothing.
    await deliver(connection, [clientUpdate(userId, integrationId)]);
    await drainWebhookEvents();
    expect(await db().channelLink.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ state: "failed" });
    expect(await db().outboxMessage.count({ where: { conversationId: conversation.id } })).toBe(1);
  });
});
