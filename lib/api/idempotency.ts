// Idempotency-Key for /api/v1's writes: the first request with a key runs, and its answer is stored with a hash of the
// request; a repeat within 24 hours with the same request gets that answer again and changes nothing, one with a
// different request is refused (422). Simultaneous requests with one key: one claims it (INSERT … ON CONFLICT), the
// others wait, boundedly, for its stored answer. Belt and braces: the id a use-case uses to make its change once (the
// outbox's client message id) is derived from (API key, Idempotency-Key, when the key was first claimed), so even a
// claim abandoned by a process that died after sending, and taken over, sends nothing twice — while a key reused
// after its 24 hours is a new request with a new id.
import { createHash } from "node:crypto";
import { deleteExpiredRows, sql, statement, type SqlDriver } from "@/lib/db";
import { ApiProblem } from "./problem";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
const KEY = /^[\x21-\x7e]{1,255}$/;
const RETENTION_SECONDS = 24 * 60 * 60;
/** A claim with no answer after this long was abandoned: its process died. */
const ABANDONED_AFTER_SECONDS = 30;
const WAIT_MS = 10_000;
const POLL_MS = 25;

export interface StoredAnswer {
  status: number;
  body: unknown;
}

const CLAIM = statement<{ createdAt: Date }>(
  `INSERT INTO "ApiIdempotencyKey" ("apiKeyId", "key", "requestHash") VALUES ($1, $2, $3)
   ON CONFLICT ("apiKeyId", "key") DO UPDATE SET
     "requestHash" = EXCLUDED."requestHash", "status" = NULL, "body" = NULL, "claimedAt" = now(),
     "createdAt" = CASE WHEN "ApiIdempotencyKey"."createdAt" <= now() - make_interval(secs => $4) THEN now() ELSE "ApiIdempotencyKey"."createdAt" END
   WHERE "ApiIdempotencyKey"."createdAt" <= now() - make_interval(secs => $4)
      OR ("ApiIdempotencyKey"."status" IS NULL AND "ApiIdempotencyKey"."requestHash" = EXCLUDED."requestHash"
          AND "ApiIdempotencyKey"."claimedAt" <= now() - make_interval(secs => $5))
   RETURNING "createdAt"`,
  { createdAt: "Date" },
);

const STORED = statement<{ requestHash: string; status: number | null; body: unknown }>(
  `SELECT "requestHash", "status", "body" FROM "ApiIdempotencyKey" WHERE "apiKeyId" = $1 AND "key" = $2`,
  { requestHash: "string", status: "number?", body: "json?" },
);

const STORE = statement<{ body: unknown }>(
  `UPDATE "ApiIdempotencyKey" SET "status" = $3, "body" = $4 WHERE "apiKeyId" = $1 AND "key" = $2 RETURNING "body"`,
  { body: "json?" },
);

/** The Idempotency-Key header, checked; null when the request has none. */
export function idempotencyKeyOf(request: Request): string | null {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (!KEY.test(key)) throw new ApiProblem("invalid_input", "The Idempotency-Key header must be 1 to 255 visible ASCII characters.", { "Idempotency-Key": ["must be 1 to 255 visible ASCII characters"] });
  return key;
}

/** A UUID fixed by (API key, Idempotency-Key, its claim's creation), RFC 9562 version 8 (custom), variant 10. */
export function idempotencyId(apiKeyId: string, key: string, claimedSince: Date): string {
  const hex = createHash("sha256").update(`${apiKeyId}\n${key}\n${claimedSince.getTime()}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A hash of what a request asks for: the operation and its parsed input, keys sorted so that their order is no matter. */
export function requestHash(operationId: string, input: unknown): string {
  return createHash("sha256").update(`${operationId}\n${stableJson(input)}`).digest("hex");
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` once per (API key, Idempotency-Key) and request, with the id to make its change once by: the first caller's answer is stored and every caller
 * gets it, as stored (so all answers are the same bytes). `work` answers with client errors as answers to keep; when
 * it throws, the claim is let go so that a retry runs again.
 */
export async function onceForKey(
  apiKeyId: string,
  key: string,
  hash: string,
  work: (onceId: string) => Promise<StoredAnswer>,
): Promise<StoredAnswer & { replayed: boolean }> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const { rows } = await sql().query(CLAIM, [apiKeyId, key, hash, RETENTION_SECONDS, ABANDONED_AFTER_SECONDS]);
    const claim = rows[0];
    if (claim) {
      let answer: StoredAnswer;
      try {
        answer = await work(idempotencyId(apiKeyId, key, claim.createdAt));
      } catch (error) {
        await sql().query(`DELETE FROM "ApiIdempotencyKey" WHERE "apiKeyId" = $1 AND "key" = $2 AND "status" IS NULL`, [apiKeyId, key]);
        throw error;
      }
      const stored = await sql().query(STORE, [apiKeyId, key, answer.status, JSON.stringify(answer.body)]);
      return { status: answer.status, body: stored.rows[0]?.body ?? answer.body, replayed: false };
    }
    const { rows: found } = await sql().query(STORED, [apiKeyId, key]);
    const row = found[0];
    if (row && row.requestHash !== hash) {
      throw new ApiProblem("idempotency_key_reused", "This Idempotency-Key was already used with a different request; use a new key.", {
        "Idempotency-Key": ["was used with a different request"],
      });
    }
    if (row && row.status !== null) return { status: row.status, body: row.body, replayed: true };
    if (Date.now() > deadline) throw new ApiProblem("idempotency_in_progress", "A request with this Idempotency-Key is still running; retry shortly.");
    // No row: the first request failed and let the key go; the next round claims it.
    if (row) await sleep(POLL_MS);
  }
}

/** Deletes keys past their 24 hours, in bounded chunks (housekeeping). */
export async function pruneIdempotencyKeys(driver: SqlDriver = sql(), chunk?: number): Promise<number> {
  return deleteExpiredRows(driver, { table: "ApiIdempotencyKey", key: "ctid", expiresAt: "createdAt", graceSeconds: RETENTION_SECONDS }, chunk);
}
