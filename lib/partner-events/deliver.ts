// Attempting a delivery: claim it, sign the event as Standard Webhooks (with the previous secret too during a
// rotation), POST it to the endpoint's checked address, and record the answer. A failure schedules the next attempt
// as a new job (./schedule.ts) until the delivery's window runs out; an endpoint failing for the whole window is
// disabled, and its pending deliveries fail with it (each stays resendable).
import { Webhook } from "standardwebhooks";
import { request } from "undici";
import { sql, statement, type SqlExecutor } from "@/lib/db";
import { enqueue } from "@/lib/jobs";
import { logger } from "@/lib/log";
import { assertDeliverable, deliveryDispatcher } from "./address-guard";
import { openEndpointSecret } from "./endpoints";
import { EVENT_DELIVERY_QUEUE } from "./queue";
import { deliveryClock, retryDelayMs, retryWindowMs, type DeliveryClock } from "./schedule";

const REQUEST_TIMEOUT_MS = 10_000;
/** How much of an answer's body the log keeps. */
export const EXCERPT_BYTES = 1024;
/** How long a claimed attempt may take before another worker may try (a crashed worker's claim runs out). */
const CLAIM_MS = 60_000;

interface ClaimedRow {
  id: string;
  attempts: number;
  retryUntil: Date | null;
  eventId: string;
  type: string;
  sequence: string;
  createdAt: Date;
  organizationId: string;
  data: unknown;
  endpointId: string;
  url: string;
  enabled: boolean;
  sealedSecret: string;
  sealedPreviousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  failingSince: Date | null;
}

const CLAIM = statement<ClaimedRow>(
  `UPDATE "EventDelivery" d
      SET "claimedUntil" = $2::timestamptz + make_interval(secs => $3::double precision / 1000),
          "attempts" = d."attempts" + 1, "lastAttemptAt" = $2
     FROM "PartnerEvent" e, "EventEndpoint" ep
    WHERE d."id" = ANY($1::uuid[]) AND d."state" = 'pending' AND (d."claimedUntil" IS NULL OR d."claimedUntil" < $2)
      AND e."id" = d."eventId" AND ep."id" = d."endpointId"
   RETURNING d."id", d."attempts", d."retryUntil", e."id" AS "eventId", e."type", e."sequence"::text AS "sequence",
             e."createdAt", e."organizationId", e."data", ep."id" AS "endpointId", ep."url", ep."enabled",
             ep."sealedSecret", ep."sealedPreviousSecret", ep."previousSecretExpiresAt", ep."failingSince"`,
  {
    id: "string", attempts: "number", retryUntil: "Date?", eventId: "string", type: "string", sequence: "string",
    createdAt: "Date", organizationId: "string", data: "json?", endpointId: "string", url: "string", enabled: "boolean",
    sealedSecret: "string", sealedPreviousSecret: "string?", previousSecretExpiresAt: "Date?", failingSince: "Date?",
  },
);

/** The body every attempt of an event sends, byte for byte (the log shows it). */
export function eventBody(event: { eventId: string; type: string; sequence: string; createdAt: Date; organizationId: string; data: unknown }): string {
  return JSON.stringify({
    id: event.eventId,
    type: event.type,
    sequence: event.sequence,
    timestamp: event.createdAt.toISOString(),
    organizationId: event.organizationId,
    data: event.data,
  });
}

/** `webhook-signature`: one `v1,<sig>` per secret in use, space-separated (Standard Webhooks). */
export function signatureHeader(secrets: string[], id: string, timestamp: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(id, timestamp, body)).join(" ");
}

function secretsOf(row: ClaimedRow, now: Date): string[] {
  const secrets = [openEndpointSecret(row.endpointId, "sealedSecret", row.sealedSecret)];
  if (row.sealedPreviousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now) {
    secrets.push(openEndpointSecret(row.endpointId, "sealedPreviousSecret", row.sealedPreviousSecret));
  }
  return secrets;
}

interface Outcome {
  ok: boolean;
  status: number | null;
  excerpt: string | null;
  latencyMs: number;
  error: string | null;
}

async function readExcerpt(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= EXCERPT_BYTES) break;
  }
  body.destroy();
  return Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8");
}

async function post(row: ClaimedRow, now: Date): Promise<Outcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    assertDeliverable(row.url);
    const body = eventBody(row);
    const response = await request(row.url, {
      method: "POST",
      dispatcher: deliveryDispatcher(),
      headers: {
        "content-type": "application/json",
        "user-agent": "Sunbridge-Webhooks/1.0",
        "webhook-id": row.eventId,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": signatureHeader(secretsOf(row, now), row.eventId, now, body),
      },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const excerpt = await readExcerpt(response.body);
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    return { ok, status: response.statusCode, excerpt, latencyMs: elapsed(), error: ok ? null : `The endpoint answered ${response.statusCode}.` };
  } catch (error) {
    const reason = error instanceof Error ? (error.name === "TimeoutError" ? "No answer within 10 seconds." : error.message) : String(error);
    return { ok: false, status: null, excerpt: null, latencyMs: elapsed(), error: reason.slice(0, 500) };
  }
}

const RECORD_SUCCESS = `
  WITH delivered AS (
    UPDATE "EventDelivery" SET "state" = 'succeeded', "deliveredAt" = $2, "responseStatus" = $3, "responseExcerpt" = $4,
           "latencyMs" = $5, "lastError" = NULL, "claimedUntil" = NULL
     WHERE "id" = $1 RETURNING "endpointId"
  )
  UPDATE "EventEndpoint" SET "failingSince" = NULL WHERE "id" IN (SELECT "endpointId" FROM delivered) AND "failingSince" IS NOT NULL`;

const RECORD_FAILURE = `
  UPDATE "EventDelivery" SET "state" = $2::"EventDeliveryState", "retryUntil" = $3, "nextAttemptAt" = $4, "responseStatus" = $5,
         "responseExcerpt" = $6, "latencyMs" = $7, "lastError" = $8, "claimedUntil" = NULL
   WHERE "id" = $1`;

const ENDPOINT_FAILING = statement<{ failingSince: Date }>(
  `UPDATE "EventEndpoint" SET "failingSince" = COALESCE("failingSince", $2) WHERE "id" = $1
   RETURNING COALESCE("failingSince", $2) AS "failingSince"`,
  { failingSince: "Date" },
);

const DISABLE_ENDPOINT = `
  WITH disabled AS (
    UPDATE "EventEndpoint" SET "enabled" = false, "disabledReason" = $2, "disabledAt" = $3 WHERE "id" = $1 AND "enabled" RETURNING "id"
  )
  UPDATE "EventDelivery" SET "state" = 'failed', "lastError" = COALESCE("lastError", $2), "claimedUntil" = NULL
   WHERE "endpointId" = $1 AND "state" = 'pending'`;

async function recordFailure(tx: SqlExecutor, row: ClaimedRow, outcome: Outcome, clock: DeliveryClock) {
  const now = clock.now();
  const window = retryWindowMs(clock);
  const retryUntil = row.retryUntil ?? new Date(now.getTime() + window);
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(row.attempts, clock));
  const retrying = row.enabled && nextAttemptAt < retryUntil;
  await tx.query(RECORD_FAILURE, [
    row.id, retrying ? "pending" : "failed", retryUntil, nextAttemptAt, outcome.status, outcome.excerpt, outcome.latencyMs, outcome.error,
  ]);
  if (!row.enabled) return;
  const { rows } = await tx.query(ENDPOINT_FAILING, [row.endpointId, now]);
  const failingSince = rows[0]!.failingSince;
  if (now.getTime() - failingSince.getTime() >= window) {
    const reason = `Every delivery failed for 24 hours (since ${failingSince.toISOString()}); the last: ${outcome.error}`;
    await tx.query(DISABLE_ENDPOINT, [row.endpointId, reason, now]);
    logger().warn({ endpointId: row.endpointId }, "event endpoint disabled after failing for the retry window");
    return;
  }
  if (retrying) await enqueue(EVENT_DELIVERY_QUEUE, { deliveryId: row.id }, { executor: tx, startAfter: nextAttemptAt });
}

async function attempt(row: ClaimedRow, clock: DeliveryClock) {
  const outcome = row.enabled
    ? await post(row, clock.now())
    : { ok: false, status: null, excerpt: null, latencyMs: 0, error: "The endpoint is disabled." };
  if (outcome.ok) {
    await sql().query(RECORD_SUCCESS, [row.id, clock.now(), outcome.status, outcome.excerpt, outcome.latencyMs]);
    return;
  }
  await sql().transaction((tx) => recordFailure(tx, row, outcome, clock));
}

/** Attempts each pending delivery of `ids` that no other worker holds (the queue's handler). */
export async function attemptDeliveries(ids: string[], clock = deliveryClock()): Promise<void> {
  if (ids.length === 0) return;
  const { rows } = await sql().query(CLAIM, [ids, clock.now(), CLAIM_MS]);
  await Promise.all(rows.map((row) => attempt(row, clock)));
}
