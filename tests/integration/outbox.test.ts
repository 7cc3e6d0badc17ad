// The durable outbox against the SunCo sandbox: an agent's message is stored and shown at once, sent by a worker
// through the tenant's client, and reaches SunCo exactly once through outages, lost answers, refusals and retries.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import { db, sql } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { conversationSummary, getTimeline, saveDraft } from "@/lib/inbox";
import { startWorkers, stopJobs, type QueueDefinition } from "@/lib/jobs";
import { latestLiveEventId } from "@/lib/live";
import { liveEventsAfter } from "@/lib/live/live-events";
import { metrics } from "@/lib/observability/metrics";
import { composeSchema, deliverOutboxMessage, MAX_ATTEMPTS, OUTBOX_QUEUE, retryOutboxMessage, sendMessage } from "@/lib/outbox";
import { CLIENT_MESSAGE_ID_KEY } from "@/lib/sunco";
import { createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { eventually, withSandboxTenant } from "../support/sandbox-tenant";

withTestDatabase();
// A time scale at which an injected delay can outlast the client's 10-second request timeout.
const tenant = withSandboxTenant({ timeScale: 0.05 });

let outsider: MemberContext;
beforeAll(async () => {
  const other = await createOrganization();
  outsider = await memberContext(other.owner.id, other.organization.id);
});

const POST_MESSAGE = { method: "POST", path: "/v2/apps/*/conversations/*/messages" };

const compose = (input: Record<string, unknown>) =>
  composeSchema.parse({ clientMessageId: randomUUID(), conversationId: tenant.conversationId, ...input });

/** The sandbox's copies of the message Sunbridge sent with this outbox id. */
async function copiesInSunco(outboxId: string) {
  const { messages } = await tenant.sandbox.control.conversation(tenant.suncoConversationId);
  return messages.filter((message) => (message as { metadata?: Record<string, unknown> }).metadata?.[CLIENT_MESSAGE_ID_KEY] === outboxId);
}

/** The next send is refused with SunCo's error body. */
async function refuseNextSend(status: number, error: { code: string; title: string }) {
  const response = await fetch(`${tenant.sandbox.url}/_control/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ match: POST_MESSAGE, times: 1, respond: { status, body: { errors: [error] } } }),
  });
  expect(response.status).toBe(201);
}

const messageRows = (outboxId: string) => db().message.findMany({ where: { clientMessageId: outboxId } });
const outboxRow = (outboxId: string) => db().outboxMessage.findUniqueOrThrow({ where: { id: outboxId } });

async function sentCounter() {
  return (await metrics().outboxSent.get()).values[0]?.value ?? 0;
}

describe("sending", () => {
  it("shows the message at once as sending, sends it once, and completes the same row with SunCo's echo", async () => {
    await saveDraft(tenant.owner, tenant.conversationId, "Hello Nora, your parcel");
    const since = await latestLiveEventId();
    const input = compose({ text: "Hello Nora, your parcel left today.", actions: [{ type: "reply", text: "Thanks!" }, { type: "reply", text: "Where is it?", payload: "WHERE" }] });
    const sent = await sendMessage(tenant.owner, input);
    expect(sent).toMatchObject({
      kind: "message",
      clientMessageId: input.clientMessageId,
      suncoMessageId: null,
      authorType: "business",
      authorDisplayName: tenant.owner.actor.name,
      deliveryStatus: "sending",
      retryable: false,
      content: {
        type: "text",
        text: "Hello Nora, your parcel left today.",
        actions: [
          { type: "reply", text: "Thanks!", payload: "Thanks!" },
          { type: "reply", text: "Where is it?", payload: "WHERE" },
        ],
      },
    });
    const told = (await liveEventsAfter([tenant.owner.organization.id], since)).map((event) => event.type);
    expect(told).toEqual(["message.created", "conversation.updated"]);
    expect(await db().conversationDraft.count({ where: { conversationId: tenant.conversationId } })).toBe(0);
    expect(await db().conversation.findUniqueOrThrow({ where: { id: tenant.conversationId } })).toMatchObject({
      lastMessagePreview: "Hello Nora, your parcel left today.",
      lastMessageAuthorType: "business",
    });

    const counted = await sentCounter();
    await deliverOutboxMessage(input.clientMessageId);
    const [row] = await messageRows(input.clientMessageId);
    expect(row).toMatchObject({ id: sent.id, deliveryStatus: "sent" });
    expect(row!.suncoMessageId).toMatch(/^[0-9a-f]{24}$/);
    expect(await outboxRow(input.clientMessageId)).toMatchObject({ state: "sent", attempts: 1, suncoMessageId: row!.suncoMessageId });
    expect(await sentCounter()).toBe(counted + 1);
    expect(await copiesInSunco(input.clientMessageId)).toHaveLength(1);

    // SunCo's webhook echo of it completes that row rather than adding another.
    await eventually(async () => (await db().webhookEvent.count({ where: { connectionId: tenant.connectionId, type: "conversation:message" } })) >= 2);
    const rows = await messageRows(input.clientMessageId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(sent.id);
  });

  it("names the member who sent the last message in the list and its live update, so the list says \"You:\" only to them", async () => {
    const since = await latestLiveEventId();
    await sendMessage(tenant.owner, compose({ text: "Your parcel is on its way." }));
    expect(await conversationSummary(tenant.owner, tenant.conversationId)).toMatchObject({
      lastMessageAuthorType: "business",
      lastMessageAuthorName: tenant.owner.actor.name,
      lastMessageAuthorMemberId: tenant.owner.actor.id,
    });
    const updates = (await liveEventsAfter([tenant.owner.organization.id], since)).filter((event) => event.type === "conversation.updated");
    expect(updates.at(-1)!.data).toMatchObject({ conversation: { lastMessageAuthorName: tenant.owner.actor.name, lastMessageAuthorMemberId: tenant.owner.actor.id } });
  });

  it("sends once when the same message is submitted twice", async () => {
    const input = compose({ text: "Double click" });
    const first = await sendMessage(tenant.owner, input);
    const second = await sendMessage(tenant.owner, input);
    expect(second.id).toBe(first.id);
    await deliverOutboxMessage(input.clientMessageId);
    await deliverOutboxMessage(input.clientMessageId);
    expect(await messageRows(input.clientMessageId)).toHaveLength(1);
    expect(await copiesInSunco(input.clientMessageId)).toHaveLength(1);
  });

  it("sends once when SunCo's answer never arrives although it took the message", async () => {
    // The request outlasts the client's timeout; the sandbox handles it the moment the client gives up.
    await tenant.sandbox.control.delayNext(1, 300_000, POST_MESSAGE);
    const input = compose({ text: "Lost answer" });
    await sendMessage(tenant.owner, input);
    await deliverOutboxMessage(input.clientMessageId);
    expect((await messageRows(input.clientMessageId))[0]).toMatchObject({ deliveryStatus: "sent" });
    expect(await copiesInSunco(input.clientMessageId)).toHaveLength(1);
  });

  it("images go as image messages with their alt text", async () => {
    const input = compose({ text: "Here it is", attachment: { kind: "image", mediaUrl: "https://example.com/parcel.png", altText: "parcel.png" } });
    await sendMessage(tenant.owner, input);
    await deliverOutboxMessage(input.clientMessageId);
    const [copy] = await copiesInSunco(input.clientMessageId);
    expect(copy!.content).toMatchObject({ type: "image", mediaUrl: "https://example.com/parcel.png", altText: "parcel.png", text: "Here it is" });
  });
});

describe("failures", () => {
  it("marks a message SunCo refuses failed with SunCo's reason; a retry sends it, once", async () => {
    await refuseNextSend(423, { code: "locked", title: "Message limit of 30000 per conversation reached." });
    const input = compose({ text: "Refused at first" });
    await sendMessage(tenant.owner, input);
    const since = await latestLiveEventId();
    await deliverOutboxMessage(input.clientMessageId);
    const [failed] = await messageRows(input.clientMessageId);
    expect(failed).toMatchObject({ deliveryStatus: "failed", suncoMessageId: null });
    expect(failed!.deliveryError).toBe("SunCo refused the message: Message limit of 30000 per conversation reached. (locked)");
    expect(await outboxRow(input.clientMessageId)).toMatchObject({ state: "failed", lastError: failed!.deliveryError });
    const [update] = await liveEventsAfter([tenant.owner.organization.id], since);
    expect(update).toMatchObject({ type: "message.updated", data: { message: { deliveryStatus: "failed", retryable: true } } });
    const item = (await getTimeline(tenant.owner, tenant.conversationId)).items.find((i) => i.id === failed!.id);
    expect(item).toMatchObject({ deliveryStatus: "failed", retryable: true });

    const retried = await retryOutboxMessage(tenant.owner, input.clientMessageId);
    expect(retried).toMatchObject({ deliveryStatus: "sending", deliveryError: null });
    // A second click while it is sending changes nothing.
    expect(await retryOutboxMessage(tenant.owner, input.clientMessageId)).toBeNull();
    await deliverOutboxMessage(input.clientMessageId);
    expect((await messageRows(input.clientMessageId))[0]).toMatchObject({ deliveryStatus: "sent" });
    expect(await copiesInSunco(input.clientMessageId)).toHaveLength(1);
    await expect(retryOutboxMessage(tenant.owner, input.clientMessageId)).rejects.toBeInstanceOf(ConflictError);
  });

  it("leaves a message pending after a transient failure, and the next attempt looks before it sends", async () => {
    // Every request of the attempt (the client's own retries included) fails.
    await tenant.sandbox.control.failNext(5, 503, POST_MESSAGE);
    const input = compose({ text: "Try, try again" });
    await sendMessage(tenant.owner, input);
    await expect(deliverOutboxMessage(input.clientMessageId)).rejects.toThrow(/503/);
    expect(await outboxRow(input.clientMessageId)).toMatchObject({ state: "pending", attempts: 1, claimedUntil: null });
    expect((await outboxRow(input.clientMessageId)).lastError).toMatch(/did not take the message/);
    expect((await messageRows(input.clientMessageId))[0]).toMatchObject({ deliveryStatus: "sending" });
    await tenant.sandbox.control.clearFaults();
    await deliverOutboxMessage(input.clientMessageId);
    expect(await outboxRow(input.clientMessageId)).toMatchObject({ state: "sent", attempts: 2 });
    expect(await copiesInSunco(input.clientMessageId)).toHaveLength(1);
  });

  it("marks the message failed when its last attempt fails too", async () => {
    await tenant.sandbox.control.failNext(5, 503, POST_MESSAGE);
    const input = compose({ text: "Out of luck" });
    await sendMessage(tenant.owner, input);
    await sql().query(`UPDATE "OutboxMessage" SET "attempts" = $2 WHERE "id" = $1`, [input.clientMessageId, MAX_ATTEMPTS - 1]);
    await deliverOutboxMessage(input.clientMessageId);
    const [row] = await messageRows(input.clientMessageId);
    expect(row).toMatchObject({ deliveryStatus: "failed" });
    expect(row!.deliveryError).toMatch(new RegExp(`after ${MAX_ATTEMPTS} attempts`));
    await tenant.sandbox.control.clearFaults();
  });

  it("does not send a message whose webhook echo already arrived", async () => {
    const input = compose({ text: "Already there" });
    await sendMessage(tenant.owner, input);
    await sql().query(`UPDATE "Message" SET "suncoMessageId" = 'aaaaaaaaaaaaaaaaaaaaaaaa', "deliveryStatus" = 'sent' WHERE "clientMessageId" = $1`, [
      input.clientMessageId,
    ]);
    await deliverOutboxMessage(input.clientMessageId);
    expect(await outboxRow(input.clientMessageId)).toMatchObject({ state: "sent", attempts: 0, suncoMessageId: "aaaaaaaaaaaaaaaaaaaaaaaa" });
    expect(await copiesInSunco(input.clientMessageId)).toHaveLength(0);
  });

  it("lets only one of two workers send the same message", async () => {
    await tenant.sandbox.control.delayNext(1, 10_000, POST_MESSAGE);
    const input = compose({ text: "Raced" });
    await sendMessage(tenant.owner, input);
    await Promise.all([deliverOutboxMessage(input.clientMessageId), deliverOutboxMessage(input.clientMessageId)]);
    expect(await outboxRow(input.clientMessageId)).toMatchObject({ state: "sent", attempts: 1 });
    expect(await copiesInSunco(input.clientMessageId)).toHaveLength(1);
  });
});

describe("what may be sent, and by whom", () => {
  it("refuses a message without words or attachment, mixed reply buttons, and buttons on a file", () => {
    const refused = (input: Record<string, unknown>) => composeSchema.safeParse({ clientMessageId: randomUUID(), conversationId: tenant.conversationId, ...input });
    expect(refused({ text: "  " }).error?.issues[0]?.message).toBe("Write a message first.");
    expect(refused({ text: "x", actions: [{ type: "reply", text: "a" }, { type: "link", text: "b", uri: "https://example.com" }] }).success).toBe(false);
    expect(refused({ text: "x", actions: [{ type: "link", text: "b", uri: "javascript:alert(1)" }] }).success).toBe(false);
    expect(refused({ attachment: { kind: "file", mediaUrl: "https://example.com/a.pdf" }, actions: [{ type: "postback", text: "a" }] }).success).toBe(false);
  });

  it("sends nothing to another organization's conversation, nor retries its messages", async () => {
    const input = compose({ text: "Not yours" });
    await expect(sendMessage(outsider, input)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().outboxMessage.count({ where: { id: input.clientMessageId } })).toBe(0);
    const mine = compose({ text: "Mine" });
    await sendMessage(tenant.owner, mine);
    await expect(retryOutboxMessage(outsider, mine.clientMessageId)).rejects.toBeInstanceOf(NotFoundError);
    // Reusing another conversation's message id sends nothing either.
    await expect(sendMessage(outsider, { ...mine })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses to send through a disconnected connection, and fails what was waiting with the reason", async () => {
    const waiting = compose({ text: "Queued before the disconnect" });
    await sendMessage(tenant.owner, waiting);
    await sql().query(`UPDATE "Connection" SET "state" = 'revoked' WHERE "id" = $1`, [tenant.connectionId]);
    try {
      await expect(sendMessage(tenant.owner, compose({ text: "After" }))).rejects.toThrow(/disconnected/);
      await deliverOutboxMessage(waiting.clientMessageId);
      expect((await messageRows(waiting.clientMessageId))[0]).toMatchObject({ deliveryStatus: "failed" });
      expect((await messageRows(waiting.clientMessageId))[0]!.deliveryError).toMatch(/disconnected/);
      expect(await copiesInSunco(waiting.clientMessageId)).toHaveLength(0);
    } finally {
      await sql().query(`UPDATE "Connection" SET "state" = 'active' WHERE "id" = $1`, [tenant.connectionId]);
    }
  });
});

describe("the outbox worker", () => {
  it("through the job queue: SunCo answering 503 three times still ends sent, exactly once", async () => {
    await startWorkers([OUTBOX_QUEUE as QueueDefinition<object>]);
    await tenant.sandbox.control.failNext(3, 503, POST_MESSAGE);
    onTestFinished(() => stopJobs());
    const input = compose({ text: "Despite the outage" });
    await sendMessage(tenant.owner, input);
    // Sent, and (SunCo's delivery webhooks being quick) perhaps delivered already.
    const outbox = await eventually(async () => {
      const row = await outboxRow(input.clientMessageId);
      return row.state === "sent" ? row : null;
    });
    expect(outbox.attempts).toBe(1);
    const [message] = await messageRows(input.clientMessageId);
    expect(message!.suncoMessageId).toBe(outbox.suncoMessageId);
    expect(["sent", "delivered_to_channel", "delivered_to_user"]).toContain(message!.deliveryStatus);
    expect(await copiesInSunco(input.clientMessageId)).toHaveLength(1);
    expect(await tenant.sandbox.control.faults()).toEqual([]);
  });
});
