// Processes stored webhook events. The WebhookEvent table is the queue: a worker claims the oldest pending rows with
// FOR UPDATE SKIP LOCKED, applies them to the read model and marks them in that same transaction, so any number of
// workers in any number of processes share the work, none can take an event another holds, and a worker that dies
// mid-batch leaves its events pending for the next. (A job per event or per POST would add a second insert to every
// webhook request, a second row to claim and a third write to finish it, for no guarantee this does not give.)
//
// A batch that fails is retried event by event, so that one bad event delays only itself; an event that keeps
// failing is retried with backoff and then marked failed, for a replay from the event log.
import { noteLastEvents } from "@/lib/connections";
import { applyWebhookEvents, type EventOutcome, type StoredEvent } from "@/lib/conversations";
import { sql, statement, type SqlDriver, type SqlExecutor } from "@/lib/db";
import { wake, WakeLoop } from "@/lib/db/notifications";
import { logger } from "@/lib/log";
import { settleChannelLinks } from "@/lib/outreach";
import { eventTypeLabel, metrics } from "@/lib/observability/metrics";
import { processSingleton } from "@/lib/singletons";

export const MAX_ATTEMPTS = 5;
// Chosen with scripts/bench/worker-drain-probe.ts: CPU per applied event (worker + PostgreSQL) 0.43 ms at 250,
// 0.37 ms at 500, 0.34 ms at 1,000; 500 keeps a batch well under the processing lag's budget of a second.
const BATCH_SIZE = 500;
/**
 * Batches a worker runs at once behind a backlog. They lock shared rows in one order (lib/conversations/write/sql.ts
 * inLockOrder), so they never deadlock.
 */
const BACKLOG_BATCHES = 2;
/** The fallback when no wake-up comes: retries falling due, events stored by a process without a worker. */
const POLL_INTERVAL_MS = 1000;
const WAKE_CHANNEL = "sunbridge_webhook_events";
/** While the database keeps failing, the longest wait between attempts. */
const MAX_BACKOFF_MS = 30_000;
const FIRST_RETRY_DELAY_SECONDS = 5;
/** At most this often per worker: adds at most this much to the processing lag. */
const MIN_BATCH_INTERVAL_MS = 50;

// availableAt is stored to the millisecond, rounded: an event stored a moment ago may look half a millisecond
// ahead of now(), hence the tolerance. The pending rows are ordered and locked by id alone, and only the claimed
// ones read whole: sorting the backlog's rows with their payloads spilled to disk behind a backlog.
const CLAIM = statement<StoredEvent>(
  `WITH claimed AS (
     SELECT w."id" FROM "WebhookEvent" w
      WHERE w."state" = 'pending' AND w."availableAt" <= now() + interval '1 millisecond' AND ($2::bigint IS NULL OR w."id" = $2::bigint)
      ORDER BY w."id"
      LIMIT $1
        FOR UPDATE SKIP LOCKED
   )
   SELECT w."id"::text AS "id", w."connectionId", c."organizationId", w."suncoEventId", w."type", w."occurredAt", w."receivedAt",
          w."event"
     FROM claimed JOIN "WebhookEvent" w ON w."id" = claimed."id" JOIN "Connection" c ON c."id" = w."connectionId"
    ORDER BY w."id"`,
  {
    id: "string",
    connectionId: "string",
    organizationId: "string",
    suncoEventId: "string",
    type: "string",
    occurredAt: "Date?",
    receivedAt: "Date",
    event: "json?",
  },
);

// clock_timestamp(), not now(): the batch's transaction began when it claimed the events, and the log's latency
// should include the processing.
const MARK = statement<{ connectionId: string; receivedAt: Date; type: string; state: string; lagSeconds: number }>(
  `UPDATE "WebhookEvent" w SET "state" = o."state"::"WebhookEventState", "error" = o."error",
          "attempts" = w."attempts" + 1, "processedAt" = clock_timestamp()
     FROM unnest($1::bigint[], $2::text[], $3::text[]) AS o("id", "state", "error")
    -- The ANY lets the plan fetch the batch's rows by key, not hash the whole table.
    WHERE w."id" = o."id" AND w."id" = ANY($1::bigint[])
   RETURNING w."connectionId", w."receivedAt", w."type", w."state",
             extract(epoch FROM w."processedAt" - w."receivedAt")::float8 AS "lagSeconds"`,
  { connectionId: "string", receivedAt: "Date", type: "string", state: "string", lagSeconds: "number" },
);

const RECORD_FAILURE = statement<{ type: string }>(
  `UPDATE "WebhookEvent" SET
     "attempts" = "attempts" + 1,
     "error" = $2,
     "state" = (CASE WHEN "attempts" + 1 >= $3 THEN 'failed' ELSE 'pending' END)::"WebhookEventState",
     "availableAt" = now() + make_interval(secs => $4 * power(2, "attempts"))
   WHERE "id" = $1 AND "state" = 'pending'
   RETURNING "type"`,
  { type: "string" },
);

async function claim(tx: SqlExecutor, limit: number, onlyId: string | null): Promise<StoredEvent[]> {
  const { rows } = await tx.query(CLAIM, [limit, onlyId]);
  return rows;
}

async function mark(tx: SqlExecutor, outcomes: EventOutcome[]) {
  const { rows } = await tx.query(MARK, [
    outcomes.map((o) => o.id),
    outcomes.map((o) => o.state),
    outcomes.map((o) => (o.state === "failed" ? o.error : null)),
  ]);
  return rows;
}

function count(marked: Awaited<ReturnType<typeof mark>>) {
  const { webhookEventsProcessed, webhookProcessingLag } = metrics();
  for (const event of marked) {
    webhookEventsProcessed.inc({ type: eventTypeLabel(event.type), outcome: event.state });
    if (event.state === "processed") webhookProcessingLag.observe(event.lagSeconds);
  }
}

async function processClaimed(
  driver: SqlDriver,
  limit: number,
  onlyId: string | null,
  claimed: (ids: string[]) => void,
): Promise<number> {
  let marked: Awaited<ReturnType<typeof mark>> = [];
  const claimedCount = await driver.transaction(async (tx) => {
    const events = await claim(tx, limit, onlyId);
    claimed(events.map((event) => event.id));
    if (events.length === 0) return 0;
    // Channel links Sunbridge asked for are settled by their client events (lib/outreach), before the batch takes the
    // ordering locks of partner and live events.
    const { outcomes } = await applyWebhookEvents(tx, events, (tx) => settleChannelLinks(tx, events));
    marked = await mark(tx, outcomes);
    return events.length;
  });
  // Counted once committed: a rolled-back batch is retried and counted then.
  count(marked);
  await noteLastEvents(driver, marked);
  return claimedCount;
}

function describe(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}

/** One event in its own transaction; a failure is recorded against it (or, if even that fails, left for later). */
async function processAlone(driver: SqlDriver, id: string) {
  try {
    await processClaimed(driver, 1, id, () => {});
  } catch (error) {
    logger().warn({ err: error, webhookEventId: id }, "webhook event failed");
    await driver
      .query(RECORD_FAILURE, [id, describe(error), MAX_ATTEMPTS, FIRST_RETRY_DELAY_SECONDS])
      .then(({ rows }) => rows.forEach(({ type }) => metrics().webhookEventsFailed.inc({ type: eventTypeLabel(type) })))
      .catch((recordError) => logger().error({ err: recordError, webhookEventId: id }, "could not record a webhook event failure"));
  }
}

/** Processes up to `limit` pending events on `driver` (this process's database); resolves to how many it claimed. */
export async function processWebhookEvents(options: { limit?: number; driver?: SqlDriver } = {}): Promise<number> {
  const { limit = BATCH_SIZE, driver = sql() } = options;
  let ids: string[] = [];
  try {
    return await processClaimed(driver, limit, null, (claimed) => (ids = claimed));
  } catch (error) {
    // Nothing was claimed: the database itself is failing. Let the caller back off.
    if (ids.length === 0) throw error;
    logger().warn({ err: error, events: ids.length }, "webhook batch failed; processing its events one by one");
    for (const id of ids) await processAlone(driver, id);
    return ids.length;
  }
}

/** Processes until nothing is pending (tests, scripts). */
export async function drainWebhookEvents(): Promise<void> {
  while ((await processWebhookEvents()) > 0);
}

// ——— The loop every worker process runs ——————————————————————————————————————————————————————————————————————

const worker = () => processSingleton("webhookWorker", () => ({ loop: undefined as WakeLoop | undefined }));

/** Starts this process's worker (idempotent). */
export async function startWebhookWorker(): Promise<void> {
  const held = worker();
  if (held.loop) return;
  // Each batch costs a dozen statements whatever its size: under load, let events gather for a moment rather than
  // process them one by one, which would take the CPU the requests storing them need. Behind a backlog, batches run
  // side by side, so that one's JavaScript runs while the database works on the other's statements.
  let backlog = false;
  held.loop = new WakeLoop(WAKE_CHANNEL, async () => {
    const claimed = await Promise.all(Array.from({ length: backlog ? BACKLOG_BATCHES : 1 }, () => processWebhookEvents()));
    backlog = claimed.some((count) => count >= BATCH_SIZE);
    return backlog;
  }, {
    fallbackMs: POLL_INTERVAL_MS,
    minIntervalMs: MIN_BATCH_INTERVAL_MS,
    maxBackoffMs: MAX_BACKOFF_MS,
    onError: (error) => logger().error({ err: error }, "webhook worker: cannot process events"),
  });
  await held.loop.listening();
}

export async function stopWebhookWorker(): Promise<void> {
  const held = worker();
  const loop = held.loop;
  held.loop = undefined;
  await loop?.stop();
}

/**
 * Called after events were stored: wakes this process's worker, or, in a process without one, the workers
 * elsewhere — with one notification per MIN_BATCH_INTERVAL_MS however many requests arrive.
 */
export function eventsStored() {
  // A worker starts batches at most MIN_BATCH_INTERVAL_MS apart: more frequent notifications would only cost the
  // database a query each (a hundred a second per app process at the default 10 ms).
  wake(WAKE_CHANNEL, "", { withinMs: MIN_BATCH_INTERVAL_MS });
}
