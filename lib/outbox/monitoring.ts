// Keeping an eye on the outbox: its depth for Prometheus, and a sweep that gives a message whose job was lost (the
// queue gave up on a worker that kept crashing, say) a new one. Both read the partial index of pending rows.
import { sql, statement } from "@/lib/db";
import { enqueueMany } from "@/lib/jobs";
import { logger } from "@/lib/log";
import { registerCollectedGauge } from "@/lib/observability/metrics";
import { OUTBOX_QUEUE } from "./queue";

/** Pending and untouched this long: no job is working on it. Attempts and their backoff take far less. */
const STALLED_AFTER_SECONDS = 600;

const DEPTH = statement<{ depth: number }>(`SELECT count(*)::int AS "depth" FROM "OutboxMessage" WHERE "state" = 'pending'`, {
  depth: "number",
});

const REQUEUE_STALLED = statement<{ id: string }>(
  `UPDATE "OutboxMessage" SET "updatedAt" = now()
    WHERE "id" IN (SELECT "id" FROM "OutboxMessage"
                    WHERE "state" = 'pending' AND "updatedAt" < now() - make_interval(secs => $1)
                      AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
                    ORDER BY "createdAt" LIMIT 500 FOR UPDATE SKIP LOCKED)
    RETURNING "id"`,
  { id: "string" },
);

export function registerOutboxMetrics() {
  registerCollectedGauge("sunbridge_outbox_depth", "Outbox messages waiting to be sent to SunCo.", async () => {
    const { rows } = await sql().query(DEPTH);
    return { "": rows[0]!.depth };
  });
}

/** Queues stalled messages again (the row's claim keeps a duplicate job from sending twice); resolves to how many. */
export async function requeueStalledOutboxMessages(): Promise<number> {
  return sql().transaction(async (tx) => {
    const { rows } = await tx.query(REQUEUE_STALLED, [STALLED_AFTER_SECONDS]);
    if (rows.length > 0) {
      await enqueueMany(OUTBOX_QUEUE, rows.map((row) => ({ outboxId: row.id })), { executor: tx });
      logger().warn({ count: rows.length }, "outbox: queued stalled messages again");
    }
    return rows.length;
  });
}
