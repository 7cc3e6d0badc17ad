// How long received webhook events stay in the event log, and so how old an event may be to be accepted at all.
import { sql, type SqlDriver } from "@/lib/db";

export const WEBHOOK_EVENT_RETENTION_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Past this age an event's first delivery may already be pruned, so a replay of it could no longer be told from the
 * first: such events are refused. A day under the retention window, for SunCo's clock running ahead of ours; SunCo
 * stops retrying after about 15 minutes, so no rightful delivery comes near it.
 */
export const WEBHOOK_EVENT_MAX_AGE_MS = (WEBHOOK_EVENT_RETENTION_DAYS - 1) * DAY_MS;

/** Whether an event created at `createdAt` (SunCo's timestamp) is too old to accept; one without a readable one is not. */
export function isPastRetention(createdAt: string | undefined, now = Date.now()): boolean {
  const time = createdAt ? Date.parse(createdAt) : Number.NaN;
  return now - time > WEBHOOK_EVENT_MAX_AGE_MS;
}
const CHUNK = 10_000;

/**
 * Deletes settled events older than the retention window, oldest first and a chunk at a time. Ids follow arrival,
 * so the old ones are a prefix found through the primary key, with no index on time to maintain on every insert.
 */
export async function pruneWebhookEvents(driver: SqlDriver = sql(), retentionDays = WEBHOOK_EVENT_RETENTION_DAYS): Promise<number> {
  let deleted = 0;
  for (;;) {
    const { rowCount } = await driver.query(
      `DELETE FROM "WebhookEvent" WHERE "id" IN (
         SELECT "id" FROM "WebhookEvent"
          WHERE "id" < COALESCE((SELECT "id" FROM "WebhookEvent" WHERE "receivedAt" >= now() - make_interval(days => $1)
                                  ORDER BY "id" LIMIT 1), (SELECT max("id") + 1 FROM "WebhookEvent"))
            AND "state" <> 'pending'
          ORDER BY "id" LIMIT $2)`,
      [retentionDays, CHUNK],
    );
    deleted += rowCount;
    if (rowCount < CHUNK) return deleted;
  }
}
