// Fixed-window counters in the database, so every app instance sees the same count.
import { isIPv6 } from "node:net";
import { deleteExpiredRows, sql, statement, type SqlDriver } from "@/lib/db";

export interface Window {
  /** How many hits the window allows. */
  limit: number;
  seconds: number;
}

export interface WindowState {
  count: number;
  /** Seconds until the window resets. */
  resetsIn: number;
}

const RESETS_IN = `ceil(extract(epoch FROM "expiresAt" - now()))::int AS resets_in`;
const WINDOW_ROW = { count: "number", resets_in: "number" } as const;

const HIT = statement<{ count: number; resets_in: number }>(
  `INSERT INTO "RateLimit" ("key", "count", "windowStartedAt", "expiresAt")
   VALUES ($1, 1, now(), now() + make_interval(secs => $2))
   ON CONFLICT ("key") DO UPDATE SET
     "count" = CASE WHEN "RateLimit"."expiresAt" <= now() THEN 1 ELSE "RateLimit"."count" + 1 END,
     "windowStartedAt" = CASE WHEN "RateLimit"."expiresAt" <= now() THEN now() ELSE "RateLimit"."windowStartedAt" END,
     "expiresAt" = CASE WHEN "RateLimit"."expiresAt" <= now() THEN EXCLUDED."expiresAt" ELSE "RateLimit"."expiresAt" END
   RETURNING "count", ${RESETS_IN}`,
  WINDOW_ROW,
);

const PEEK = statement<{ count: number; resets_in: number }>(
  `SELECT "count", ${RESETS_IN} FROM "RateLimit" WHERE "key" = $1 AND "expiresAt" > now()`,
  WINDOW_ROW,
);

/**
 * Counts one hit against `key` and returns the window's state after it, in one statement: of any number of
 * simultaneous hits each sees its own count, so "count first, then decide" lets no more than `limit` through.
 */
export async function hit(key: string, window: Window): Promise<WindowState> {
  const { rows } = await sql().query(HIT, [key, window.seconds]);
  const row = rows[0]!;
  return { count: row.count, resetsIn: Math.max(0, row.resets_in) };
}

/** The window's state without counting a hit; `null` when the key has no live window. */
export async function peek(key: string): Promise<WindowState | null> {
  const { rows } = await sql().query(PEEK, [key]);
  const row = rows[0];
  return row ? { count: row.count, resetsIn: Math.max(0, row.resets_in) } : null;
}

/** Takes back one hit (an attempt that turned out to be rightful), without touching the window's end. */
export async function refund(key: string) {
  await sql().query(`UPDATE "RateLimit" SET "count" = "count" - 1 WHERE "key" = $1 AND "count" > 0 AND "expiresAt" > now()`, [key]);
}

export async function clear(key: string) {
  await sql().query(`DELETE FROM "RateLimit" WHERE "key" = $1`, [key]);
}

/** Deletes ended windows (a hit on one starts afresh anyway), in bounded chunks. */
export async function pruneRateLimits(driver: SqlDriver = sql(), chunk?: number): Promise<number> {
  return deleteExpiredRows(driver, { table: "RateLimit", key: "key", expiresAt: "expiresAt" }, chunk);
}

/**
 * What to count a client address under: IPv4 as it is, IPv6 by its /64 prefix, the smallest block a subscriber is
 * usually given (anyone holding one can rotate through 2^64 addresses).
 */
export function addressBucket(address: string): string {
  if (!isIPv6(address)) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) fills two groups.
  const embeddedIPv4 = [...left, ...right].some((group) => group.includes(".")) ? 1 : 0;
  const missing = 8 - left.length - right.length - embeddedIPv4;
  const groups = [...left, ...Array<string>(Math.max(0, missing)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
