// Connection.lastEventAt, kept by the workers rather than the request path: the Connection row is read on every
// cache miss and edited by people, so it is written at most once per connection every ten seconds per process,
// after the batch has committed, all connections of a batch in one statement.
import type { SqlDriver } from "@/lib/db";
import { logger } from "@/lib/log";
import { processSingleton } from "@/lib/singletons";

const EVERY_MS = 10_000;

export async function noteLastEvents(driver: SqlDriver, events: { connectionId: string; receivedAt: Date }[]): Promise<void> {
  const written = processSingleton("lastEventWrites", () => new Map<string, number>());
  const now = Date.now();
  const latest = new Map<string, Date>();
  for (const { connectionId, receivedAt } of events) {
    if ((written.get(connectionId) ?? 0) > now - EVERY_MS) continue;
    const seen = latest.get(connectionId);
    if (!seen || receivedAt > seen) latest.set(connectionId, receivedAt);
  }
  if (latest.size === 0) return;
  // Sorted ids: concurrent workers lock the rows in the same order, so they never deadlock.
  const ids = [...latest.keys()].sort();
  try {
    await driver.query(
      `UPDATE "Connection" c SET "lastEventAt" = GREATEST(c."lastEventAt", v."at")
         FROM unnest($1::text[], $2::timestamptz[]) AS v("id", "at")
        WHERE c."id" = v."id"`,
      [ids, ids.map((id) => latest.get(id))],
    );
    for (const id of ids) written.set(id, now);
  } catch (error) {
    logger().warn({ err: error }, "could not record when connections last received events");
  }
}
