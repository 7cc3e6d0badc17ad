// How long received webhook events stay in the event log.
import { sql, type SqlDriver } from "@/lib/db";

export const WEBHOOK_EVENT_RETENTION_DAYS = 30;
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
