// Outbound events end to end against the SunCo sandbox: a simulator message becomes a signed `message.created` at the
// partner's receiver through the job queue, retried with backoff until it is answered, exactly once more; a receiver
// down for the whole retry window ends with its endpoint disabled and the deliveries failed and resendable; and the
// partner's backend, with only an API key, sends a message and hears the end user's reply.
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemberContext } from "@/lib/auth/actor";
import { db, sql } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { setConversationStatus } from "@/lib/inbox";
import { startWorkers, type QueueDefinition } from "@/lib/jobs";
import {
  attemptDeliveries,
  createEndpoint,
  deliveryClock,
  EVENT_DELIVERY_QUEUE,
  resendFailedDeliveries,
  updateEndpoint,
} from "@/lib/partner-events";
import * as sendRoute from "@/app/api/v1/conversations/[conversationId]/messages/route";
import { createApiKey } from "@/lib/api-keys";
import { OUTBOX_QUEUE } from "@/lib/outbox";
import { withTestDatabase } from "../support/database";
import { eventually, withSandboxTenant } from "../support/sandbox-tenant";
import { startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from "../support/webhook-receiver";

withTestDatabase();
const tenant = withSandboxTenant({ timeScale: 0.05 });

let actor: MemberContext;
const receivers: WebhookReceiver[] = [];
const clock = deliveryClock();
const realClock = { now: clock.now, timeScale: clock.timeScale };

beforeAll(async () => {
  actor = tenant.owner;
  await startWorkers([EVENT_DELIVERY_QUEUE as QueueDefinition<object>]);
});
afterAll(async () => {
  Object.assign(clock, realClock);
  await Promise.all(receivers.map((receiver) => receiver.stop()));
});

async function receiver() {
  const started = await startWebhookReceiver();
  receivers.push(started);
  return started;
}

/** Verifies the request as a receiver would, with the standardwebhooks package; answers the event it carries. */
function verified(secret: string, request: ReceivedRequest) {
  const headers = Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => [name, String(request.headers[name])]));
  return new Webhook(secret).verify(JSON.stringify(request.body), headers) as { id: string; type: string; sequence: string; data: Record<string, unknown> };
}

describe("a receiver that fails its first three deliveries", () => {
  it("gets each simulator message as a signed message.created exactly once more, after backoff", async () => {
    clock.timeScale = 0.001;
    // The setup's "Hello?" is in before the endpoint exists.
    await eventually(() => db().message.findFirst({ where: { conversationId: tenant.conversationId, text: "Hello?" } }));
    const partner = await receiver();
    partner.reply(500, 503, 429, 200);
    const { secret } = await createEndpoint(actor, { url: `${partner.url}/events`, description: "retries", eventTypes: ["message.created"] });
    const texts = ["Where is my parcel?", "It was due Monday.", "Anyone there?"];
    for (const text of texts) {
      await tenant.sandbox.control.sendAsEndUser(tenant.suncoConversationId, tenant.endUser.id, { type: "text", text });
    }
    await eventually(async () => (await db().message.count({ where: { text: { in: texts } } })) === texts.length, 30_000);

    const posts = await partner.waitFor((received) => received.filter((r) => r.method === "POST").length >= texts.length + 3, 40_000);
    // Nothing more comes once every event was answered.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(partner.posts()).toHaveLength(texts.length + 3);

    const events = partner.posts().map((request) => verified(secret, request));
    expect(events.every((event) => event.type === "message.created")).toBe(true);
    const answered = events.slice(3);
    expect(answered.map((event) => (event.data.message as { text: string }).text).sort()).toEqual([...texts].sort());
    expect(new Set(answered.map((event) => event.id)).size).toBe(texts.length);
    // webhook-id is the event's id on every attempt, so a receiver can drop repeats.
    for (const request of posts.filter((r) => r.method === "POST")) expect(request.headers["webhook-id"]).toBe((request.body as { id: string }).id);
    expect(answered[0]!.data).toMatchObject({ conversationId: tenant.conversationId, connectionId: tenant.connectionId, message: { origin: "end_user" } });

    const deliveries = await db().eventDelivery.findMany({ where: { organizationId: actor.organization.id, state: "succeeded" } });
    expect(deliveries).toHaveLength(texts.length);
    expect(deliveries.reduce((sum, delivery) => sum + delivery.attempts, 0)).toBe(texts.length + 3);
    await updateEndpoint(actor, { endpointId: deliveries[0]!.endpointId, enabled: false });
  }, 60_000);
});

describe("a receiver down for the whole retry window", () => {
  it("ends disabled with the reason, its deliveries failed, and resending them delivers once it is back", async () => {
    const start = Date.now();
    let offset = 0;
    Object.assign(clock, { now: () => new Date(start + offset), timeScale: 1 });
    const partner = await receiver();
    partner.reply(503);
    const { endpoint } = await createEndpoint(actor, { url: partner.url, description: "down", eventTypes: ["conversation.updated"] });

    await setConversationStatus(tenant.owner, tenant.conversationId, "pending");
    const delivery = await eventually(async () => {
      const row = await db().eventDelivery.findFirst({ where: { endpointId: endpoint.id } });
      return row && row.attempts === 1 && row.claimedUntil === null ? row : null;
    });
    expect(delivery).toMatchObject({ state: "pending", responseStatus: 503 });
    expect(delivery.retryUntil!.getTime() - start).toBe(24 * 3_600_000);
    // The next attempt waits 2.5–5 s (5 s, half of it jittered).
    expect(delivery.nextAttemptAt.getTime() - start).toBeGreaterThanOrEqual(2_500);
    expect(delivery.nextAttemptAt.getTime() - start).toBeLessThanOrEqual(5_000);

    // Each retry's job is due in the clock's future, which only these calls reach: walk through the day.
    for (let hour = 3; hour <= 27; hour += 3) {
      offset = hour * 3_600_000;
      await attemptDeliveries([delivery.id]);
    }
    const failed = await db().eventDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(failed).toMatchObject({ state: "failed", responseStatus: 503, lastError: "The endpoint answered 503." });
    const disabled = await db().eventEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(disabled.enabled).toBe(false);
    expect(disabled.disabledReason).toMatch(/^Every delivery failed for 24 hours/);
    const attempts = partner.posts().length;
    expect(attempts).toBe(failed.attempts);

    // A disabled endpoint gets nothing new, and must be enabled before a resend.
    await setConversationStatus(tenant.owner, tenant.conversationId, "open");
    expect(await db().eventDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
    const range = { endpointId: endpoint.id, from: new Date(start - 60_000), to: new Date(Date.now() + 60_000) };
    await expect(resendFailedDeliveries(actor, range)).rejects.toThrow(ConflictError);

    partner.reply(200);
    await updateEndpoint(actor, { endpointId: endpoint.id, enabled: true });
    expect(await resendFailedDeliveries(actor, range)).toEqual({ resent: 1 });
    const resent = await eventually(async () => {
      const row = await db().eventDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      return row.state === "succeeded" ? row : null;
    });
    expect(resent.responseStatus).toBe(200);
    expect(partner.posts()).toHaveLength(attempts + 1);
    const audit = await sql().query(`SELECT "action" FROM "AuditEvent" WHERE "organizationId" = $1 AND "action" LIKE 'event_endpoint.%'`, [actor.organization.id]);
    expect(audit.rows.map((row) => row.action)).toContain("event_endpoint.resend_failed");
  }, 60_000);
});

describe("the partner's backend, with only an API key", () => {
  it("sends into a sandbox conversation, the simulator shows it and replies, and the receiver gets message.created with the reply", async () => {
    clock.timeScale = 1;
    clock.now = realClock.now;
    await startWorkers([OUTBOX_QUEUE as QueueDefinition<object>]);
    const partner = await receiver();
    const { secret } = await createEndpoint(actor, { url: partner.url, description: "backend", eventTypes: ["message.created"] });
    const { key } = await createApiKey(tenant.owner, { name: "backend", scopes: ["send"] });

    // The partner's script: one HTTP call with the key.
    const sent = await sendRoute.POST(
      new Request(`http://localhost/api/v1/conversations/${tenant.conversationId}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": "order-4711", "x-sunbridge-client-address": "127.0.0.1" },
        body: JSON.stringify({ text: "Your parcel ships tomorrow." }),
      }),
      { params: Promise.resolve({ conversationId: tenant.conversationId }) },
    );
    expect(sent.status, await sent.clone().text()).toBe(201);

    // The simulator (SunCo's side) shows it, from the API key.
    const shown = await eventually(async () => {
      const { messages } = await tenant.sandbox.control.conversation(tenant.suncoConversationId);
      return messages.find((message) => (message as { content?: { text?: string } }).content?.text === "Your parcel ships tomorrow.");
    }, 30_000);
    expect(shown).toMatchObject({ author: { type: "business" } });
    await tenant.sandbox.control.sendAsEndUser(tenant.suncoConversationId, tenant.endUser.id, { type: "text", text: "Great, thanks!" });

    const replied = (r: ReceivedRequest) => (r.body as { data?: { message?: { text?: string } } }).data?.message?.text === "Great, thanks!";
    await eventually(async () => partner.posts().some(replied), 30_000);
    const events = partner.posts().filter((r) => r.method === "POST").map((request) => verified(secret, request));
    expect(events.map((event) => [event.type, (event.data.message as { origin: string; text: string }).origin, (event.data.message as { text: string }).text])).toEqual([
      ["message.created", "api", "Your parcel ships tomorrow."],
      ["message.created", "end_user", "Great, thanks!"],
    ]);
    expect(BigInt(events[1]!.sequence)).toBeGreaterThan(BigInt(events[0]!.sequence));
  }, 90_000);
});
