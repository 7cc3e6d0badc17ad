// Reading live events back: what a reconnecting page missed, and pruning what no page can still ask for.
import { sql, statement, type SqlDriver } from "@/lib/db";

export interface LiveEvent {
  /** The Server-Sent Events id: increasing, in commit order. */
  id: string;
  organizationId: string;
  /** The connection whose conversation it is about; null for what concerns the whole organization. */
  connectionId: string | null;
  /** The one member it is for (a notification); null for every member who sees the connection. */
  userId: string | null;
  type: string;
  data: unknown;
}

/** How long a page may be away and still resume without missing anything. */
export const LIVE_EVENT_RETENTION_MS = 30 * 60 * 1000;
const PAGE = 500;

const EVENTS_AFTER = statement<LiveEvent>(
  `SELECT "id"::text AS "id", "organizationId", "connectionId", "userId", "type", "data" FROM "LiveEvent"
    WHERE "organizationId" = ANY($1::text[]) AND "id" > $2::bigint AND ($3::bigint IS NULL OR "id" <= $3::bigint)
    ORDER BY "id" LIMIT $4`,
  { id: "string", organizationId: "string", connectionId: "string?", userId: "string?", type: "string", data: "json?" },
);

const LATEST_ID = statement<{ id: string }>(`SELECT COALESCE(max("id"), 0)::text AS "id" FROM "LiveEvent"`, { id: "string" });

const RESUMABLE = statement<{ resumable: boolean }>(
  `SELECT $1::bigint >= COALESCE(
            (SELECT min("id") FROM "LiveEvent"),
            (SELECT CASE WHEN "is_called" THEN "last_value" + 1 ELSE "last_value" END FROM "LiveEvent_id_seq")) - 1
          AS "resumable"`,
  { resumable: "boolean" },
);

/** Events after `afterId` (up to `upTo` when given) for any of `organizationIds`, oldest first. */
export async function liveEventsAfter(
  organizationIds: string[],
  afterId: string,
  options: { upTo?: string; limit?: number } = {},
  driver: SqlDriver = sql(),
): Promise<LiveEvent[]> {
  const { rows } = await driver.query(EVENTS_AFTER, [organizationIds, afterId, options.upTo ?? null, options.limit ?? PAGE]);
  return rows;
}

/** The newest id: where a page that asks for nothing old starts. */
export async function latestLiveEventId(driver: SqlDriver = sql()): Promise<string> {
  const { rows } = await driver.query(LATEST_ID);
  return rows[0]!.id;
}

/**
 * Whether everything after `afterId` is still there. Pruning removes a prefix of ids, so what a page missed is
 * complete exactly when its last id is not older than the oldest one kept (or, all pruned, than the next to come).
 */
export async function canResumeAfter(afterId: string, driver: SqlDriver = sql()): Promise<boolean> {
  const { rows } = await driver.query(RESUMABLE, [afterId]);
  return rows[0]!.resumable;
}

/**
 * Deletes events older than the retention window, as a prefix of ids (not by time: a transaction's timestamps are
 * its start, so time order and id order may disagree slightly).
 */
export async function pruneLiveEvents(driver: SqlDriver = sql(), retentionMs = LIVE_EVENT_RETENTION_MS): Promise<number> {
  const { rowCount } = await driver.query(
    `DELETE FROM "LiveEvent" WHERE "id" < (
       SELECT COALESCE(min("id"), (SELECT max("id") + 1 FROM "LiveEvent"))
         FROM "LiveEvent" WHERE "createdAt" >= now() - make_interval(secs => $1::double precision / 1000))`,
    [retentionMs],
  );
  return rowCount;
}
