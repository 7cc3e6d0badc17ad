// Recording events in the transaction of the change that caused them: one statement writes each event with a delivery
// to every enabled endpoint of its organization that subscribes to its type, and nothing at all for an organization
// without one; the deliveries' jobs follow in the same transaction (a second round trip only when there are some).
import type { Prisma, SqlExecutor } from "@/lib/db";
import { sql, statement } from "@/lib/db";
import { enqueueMany } from "@/lib/jobs";
import { logger } from "@/lib/log";
import type { PartnerEventInput } from "./event-types";
import { EVENT_DELIVERY_QUEUE } from "./queue";

/**
 * pg_advisory_xact_lock key that makes event sequences follow commit order ("sbevnt" in ASCII). Taken only when an
 * event is written, as one of the transaction's last statements (like lib/live's publish lock), and held until commit.
 */
export const EVENT_SEQUENCE_LOCK = 0x736265766e74;

const RECORD_EVENTS = statement<{ deliveryId: string }>(
  `
  WITH e AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS e("n" int, "organizationId" text, "type" text, "conversationId" uuid, "data" jsonb)
  ), matched AS (
    SELECT e."n", ep."id" AS "endpointId"
      FROM e JOIN "EventEndpoint" ep
        ON ep."organizationId" = e."organizationId" AND ep."enabled"
       AND (cardinality(ep."eventTypes") = 0 OR e."type" = ANY(ep."eventTypes"))
  ), locked AS MATERIALIZED (
    SELECT pg_advisory_xact_lock($2) WHERE EXISTS (SELECT 1 FROM matched)
  ), chosen AS MATERIALIZED (
    SELECT e.*, gen_random_uuid() AS "id" FROM e CROSS JOIN locked WHERE e."n" IN (SELECT "n" FROM matched)
  ), events AS (
    INSERT INTO "PartnerEvent" ("id", "organizationId", "type", "conversationId", "data")
    SELECT "id", "organizationId", "type", "conversationId", "data" FROM chosen ORDER BY "n"
    RETURNING "id"
  )
  INSERT INTO "EventDelivery" ("organizationId", "endpointId", "eventId")
  SELECT c."organizationId", m."endpointId", c."id" FROM chosen c JOIN matched m ON m."n" = c."n"
  RETURNING "id" AS "deliveryId"`,
  { deliveryId: "string" },
);

const parameters = (events: PartnerEventInput[]) => [
  JSON.stringify(events.map((event, n) => ({ n, ...event, conversationId: event.conversationId ?? null }))),
  EVENT_SEQUENCE_LOCK,
];

/** Call inside the transaction that made the change, among its last writes (after its row locks). */
export async function recordPartnerEvents(tx: SqlExecutor, events: PartnerEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const { rows: deliveries } = await tx.query(RECORD_EVENTS, parameters(events));
  await enqueueMany(EVENT_DELIVERY_QUEUE, deliveries, { executor: tx });
}

/**
 * The same in a Prisma transaction (the people-managed tables' changes: connections), which cannot write pg-boss's
 * jobs: call queueRecordedDeliveries with the answer once it commits. A job lost in between (a crash) is queued by
 * requeueLostDeliveries.
 */
export async function recordPartnerEventsWithPrisma(tx: Prisma.TransactionClient, events: PartnerEventInput[]): Promise<{ deliveryId: string }[]> {
  if (events.length === 0) return [];
  return tx.$queryRawUnsafe<{ deliveryId: string }[]>(RECORD_EVENTS.text, ...parameters(events));
}

export async function queueRecordedDeliveries(deliveries: { deliveryId: string }[]): Promise<void> {
  await enqueueMany(EVENT_DELIVERY_QUEUE, deliveries);
}

/** A pending delivery whose attempt is this late lost its job. */
const LOST_AFTER_SECONDS = 300;

const REQUEUE_LOST = statement<{ deliveryId: string }>(
  `UPDATE "EventDelivery" SET "nextAttemptAt" = now()
    WHERE "id" IN (SELECT "id" FROM "EventDelivery"
                    WHERE "state" = 'pending' AND "nextAttemptAt" < now() - make_interval(secs => $1)
                      AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
                    ORDER BY "nextAttemptAt" LIMIT 1000 FOR UPDATE SKIP LOCKED)
   RETURNING "id" AS "deliveryId"`,
  { deliveryId: "string" },
);

/** Housekeeping: gives pending deliveries whose job was lost a new one. */
export async function requeueLostDeliveries(): Promise<number> {
  return sql().transaction(async (tx) => {
    const { rows } = await tx.query(REQUEUE_LOST, [LOST_AFTER_SECONDS]);
    await enqueueMany(EVENT_DELIVERY_QUEUE, rows, { executor: tx });
    if (rows.length > 0) logger().warn({ count: rows.length }, "event deliveries: queued lost deliveries again");
    return rows.length;
  });
}
