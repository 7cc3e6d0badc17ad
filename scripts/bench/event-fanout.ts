// The event fan-out half of `npm run bench:api`: simulator messages into a connection whose SunCo webhook reaches the
// app, each recorded with its message.created event and delivered to a local receiver; measures "webhook in → event
// out" (SunCo's receipt of the end user's message to the receiver's receipt of the event) and checks none was lost
// or duplicated.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes, randomUUID } from "node:crypto";
import type { SqlDriver } from "@/lib/db/sql-driver";
import { sealConnectionSecret } from "@/lib/connections/secrets";
import { sealEndpointSecret } from "@/lib/partner-events/endpoints";

export interface FanoutTarget {
  app: string;
  db: SqlDriver;
  organizationId: string;
  connectionId: string;
  appId: string;
  appKey: { id: string; secret: string };
  suncoConversationId: string;
  endUserId: string;
  control: <T>(method: string, path: string, body?: unknown) => Promise<T>;
}

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface FanoutResult {
  messages: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** The issue's figure: the app received the webhook (stored it) → the receiver has the event. */
  webhookInToEventOutMs: Percentiles;
  /** The same from SunCo's receipt of the message: adds the sandbox's webhook queue (one delivery at a time per webhook). */
  suncoToEventOutMs: Percentiles;
  /** How fast the simulator's end user wrote (messages/s), which the sandbox's webhook queue has to keep up with. */
  writtenPerSecond: number;
  seconds: number;
  /** Where the time goes: p50/p95 of each stage's end, in ms after SunCo received the message. */
  stages: Record<Stage, { p50: number; p95: number }>;
}

const STAGES = ["stored", "applied", "claimed", "answered", "arrived"] as const;
type Stage = (typeof STAGES)[number];

/**
 * Each delivered event's timeline, from the rows it left: the webhook event stored (its receivedAt) and applied to the
 * read model with its partner event (processedAt, just before that transaction commits), the delivery claimed by a
 * worker (lastAttemptAt), its answer recorded (deliveredAt); the receiver's own clock adds when it arrived.
 */
const TIMELINE = `
  SELECT p."data"->'message'->>'text' AS "text",
         extract(epoch FROM w."receivedAt" - m."receivedAt") * 1000 AS "stored",
         extract(epoch FROM w."processedAt" - m."receivedAt") * 1000 AS "applied",
         extract(epoch FROM d."lastAttemptAt" - m."receivedAt") * 1000 AS "claimed",
         extract(epoch FROM d."deliveredAt" - m."receivedAt") * 1000 AS "answered"
    FROM "PartnerEvent" p
    JOIN "EventDelivery" d ON d."eventId" = p."id" AND d."endpointId" = $2
    JOIN "Message" m ON m."id" = (p."data"->'message'->>'id')::uuid
    JOIN "WebhookEvent" w ON w."connectionId" = $3 AND w."type" = 'conversation:message'
     AND (w."event"::jsonb)->'payload'->'message'->>'id' = m."suncoMessageId"
   WHERE p."organizationId" = $1 AND p."type" = 'message.created'`;

type TimelineRow = Record<Exclude<Stage, "arrived">, number> & { text: string };

function percentile(sorted: number[], p: number) {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function percentiles(values: number[]): Percentiles {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(sorted, p));
  return { p50: at(50), p95: at(95), p99: at(99), max: Math.round(sorted.at(-1) ?? Number.NaN) };
}

function stageTimes(rows: TimelineRow[], arrived: (text: string) => number | undefined) {
  const stages = {} as FanoutResult["stages"];
  for (const stage of STAGES) {
    const { p50, p95 } = percentiles(rows.map((row) => (stage === "arrived" ? (arrived(row.text) ?? Number.NaN) : Number(row[stage]))));
    stages[stage] = { p50, p95 };
  }
  return stages;
}

/** Gives the connection a SunCo webhook (a custom integration's) that posts conversation:message to the app. */
async function provisionWebhook(target: FanoutTarget) {
  const auth = `Basic ${Buffer.from(`${target.appKey.id}:${target.appKey.secret}`).toString("base64")}`;
  const response = await fetch(`${target.app}/sandbox/sc/v2/apps/${target.appId}/integrations`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify({
      type: "custom",
      displayName: "Bench webhook",
      webhooks: [{ target: `${target.app}/api/webhooks/sunco/${target.connectionId}`, triggers: ["conversation:message"] }],
    }),
  });
  if (!response.ok) throw new Error(`creating the webhook: ${response.status} ${await response.text()}`);
  const { integration } = (await response.json()) as { integration: { id: string; webhooks: { id: string; secret: string }[] } };
  const webhook = integration.webhooks[0]!;
  await target.db.query(
    `UPDATE "Connection" SET "integrationId" = $2, "webhookId" = $3, "encryptedWebhookSecret" = $4 WHERE "id" = $1`,
    [target.connectionId, integration.id, webhook.id, sealConnectionSecret(target.connectionId, "encryptedWebhookSecret", webhook.secret)],
  );
}

export async function benchEventFanout(target: FanoutTarget, count: number, log: (line: string) => void): Promise<FanoutResult> {
  const arrivals = new Map<string, number[]>();
  const receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const arrivedAt = Date.now();
      const event = JSON.parse(body) as { type: string; data: { message?: { text: string; receivedAt: string } } };
      const message = event.data.message;
      if (event.type === "message.created" && message) {
        arrivals.set(message.text, [...(arrivals.get(message.text) ?? []), arrivedAt - Date.parse(message.receivedAt)]);
      }
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  try {
    await provisionWebhook(target);
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`;
    const endpointId = randomUUID();
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    await target.db.query(
      `INSERT INTO "EventEndpoint" ("id", "organizationId", "url", "eventTypes", "sealedSecret", "updatedAt") VALUES ($1, $2, $3, '{message.created}', $4, now())`,
      [endpointId, target.organizationId, url, sealEndpointSecret(endpointId, "sealedSecret", secret)],
    );
    const run = randomBytes(4).toString("hex");
    const texts = Array.from({ length: count }, (_, n) => `fanout ${run} #${n}`);
    log(`event fan-out: ${count} simulator messages → message.created at a local receiver`);
    const began = performance.now();
    // The simulator's end user writes them, 10 at a time (a busy tenant), as fast as the sandbox takes them.
    let next = 0;
    const writer = async () => {
      while (next < texts.length) {
        const text = texts[next++]!;
        await target.control("POST", `/conversations/${target.suncoConversationId}/messages`, { userId: target.endUserId, content: { type: "text", text } });
      }
    };
    await Promise.all(Array.from({ length: 10 }, writer));
    const writtenPerSecond = Math.round(count / ((performance.now() - began) / 1000));
    const deadline = Date.now() + 120_000;
    while (texts.some((text) => !arrivals.has(text)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    // Late duplicates would arrive after the last first copy: wait a little for them.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const seconds = (performance.now() - began) / 1000;
    const arrived = (text: string) => arrivals.get(text)?.[0];
    const { rows: timeline } = await target.db.query<TimelineRow>(TIMELINE, [target.organizationId, endpointId, target.connectionId]);
    return {
      messages: count,
      delivered: texts.filter((text) => arrivals.has(text)).length,
      lost: texts.filter((text) => !arrivals.has(text)).length,
      duplicated: texts.reduce((sum, text) => sum + Math.max(0, (arrivals.get(text)?.length ?? 0) - 1), 0),
      webhookInToEventOutMs: percentiles(timeline.map((row) => (arrived(row.text) ?? Number.NaN) - Number(row.stored))),
      suncoToEventOutMs: percentiles(texts.map((text) => arrived(text) ?? Number.NaN)),
      writtenPerSecond,
      seconds: Math.round(seconds * 10) / 10,
      stages: stageTimes(timeline, arrived),
    };
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
}
