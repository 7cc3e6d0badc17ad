// Fixed-window counters in the database, so every app instance sees the same count.
import { sql } from "@/lib/db";

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

/** Counts one hit against `key` and returns the window's state after it. */
export async function hit(key: string, window: Window): Promise<WindowState> {
  const { rows } = await sql().query<{ count: number; resets_in: number }>(
    `INSERT INTO "RateLimit" ("key", "count", "windowStartedAt") VALUES ($1, 1, now())
     ON CONFLICT ("key") DO UPDATE SET
       "count" = CASE WHEN "RateLimit"."windowStartedAt" <= now() - make_interval(secs => $2) THEN 1
                      ELSE "RateLimit"."count" + 1 END,
       "windowStartedAt" = CASE WHEN "RateLimit"."windowStartedAt" <= now() - make_interval(secs => $2) THEN now()
                      ELSE "RateLimit"."windowStartedAt" END
     RETURNING "count", ceil(extract(epoch FROM "windowStartedAt" + make_interval(secs => $2) - now()))::int AS resets_in`,
    [key, window.seconds],
  );
  const row = rows[0]!;
  return { count: row.count, resetsIn: Math.max(0, row.resets_in) };
}

/** The window's state without counting a hit; `null` when the key has no live window. */
export async function peek(key: string, window: Window): Promise<WindowState | null> {
  const { rows } = await sql().query<{ count: number; resets_in: number }>(
    `SELECT "count", ceil(extract(epoch FROM "windowStartedAt" + make_interval(secs => $2) - now()))::int AS resets_in
       FROM "RateLimit" WHERE "key" = $1 AND "windowStartedAt" > now() - make_interval(secs => $2)`,
    [key, window.seconds],
  );
  const row = rows[0];
  return row ? { count: row.count, resetsIn: Math.max(0, row.resets_in) } : null;
}

export async function clear(key: string) {
  await sql().query(`DELETE FROM "RateLimit" WHERE "key" = $1`, [key]);
}
