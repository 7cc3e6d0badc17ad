// The durable job queue: pg-boss (in its own "pgboss" schema) on the app's database connection, so it
// runs on PostgreSQL and on embedded PGlite alike. Jobs can be enqueued inside the caller's transaction,
// and workers in any process are woken through NOTIFY the moment that transaction commits, instead of
// waiting for their next poll.
import PgBoss from "pg-boss";
import { sql, type SqlExecutor } from "@/lib/db";
import { notify, onWake, type WakeSubscription } from "@/lib/db/notifications";
import { logger } from "@/lib/log";
import { processSingleton } from "@/lib/singletons";

const WAKE_CHANNEL = "sunbridge_jobs";
/** The fallback when a notification is missed (another process restarting, a dropped LISTEN connection). */
const POLLING_INTERVAL_SECONDS = 2;

export interface QueueDefinition<T extends object> {
  name: string;
  /** Retry policy and expiry, applied when the queue is created. */
  policy: { retryLimit: number; retryDelaySeconds: number; retryBackoff: boolean; expireInSeconds: number };
  batchSize: number;
  /** Handles a batch; throwing fails (and later retries) every job of the batch. */
  handle(jobs: PgBoss.Job<T>[]): Promise<void>;
}

/** pg-boss's Db interface over our executor: parameterless scripts may hold several statements. */
function bossDb(executor: SqlExecutor): PgBoss.Db {
  return {
    executeSql: (text, values) => (values && values.length > 0 ? executor.query(text, values) : executor.exec(text)),
  };
}

interface QueueState {
  boss: PgBoss;
  /** Queues this process has made sure exist. */
  created: Set<string>;
  /** Local worker ids by queue name, to wake on notification. */
  workers: Map<string, string[]>;
  wakes?: WakeSubscription;
}

const holder = () => processSingleton("jobs", () => ({ started: undefined as Promise<QueueState> | undefined }));

async function startBoss(): Promise<QueueState> {
  const boss = new PgBoss({
    db: bossDb(sql()),
    schema: "pgboss",
    migrate: true,
    supervise: true,
    schedule: false,
    // Completed jobs are kept a day for inspection; webhook events and outbox rows are the real record.
    archiveCompletedAfterSeconds: 60 * 60,
    deleteAfterDays: 1,
  });
  boss.on("error", (error) => logger().error({ err: error }, "job queue error"));
  await boss.start();
  return { boss, workers: new Map(), created: new Set() };
}

/** The started queue of this process (started on first use). */
export async function jobQueue(): Promise<PgBoss> {
  const held = holder();
  held.started ??= startBoss().catch((error) => {
    held.started = undefined;
    throw error;
  });
  return (await held.started).boss;
}

/**
 * Adds a job. Pass the transaction's executor to make the job part of it: the job exists if and only if
 * the transaction commits, and workers are woken when it does.
 */
export async function enqueue<T extends object>(
  queue: QueueDefinition<T>,
  data: T,
  options: { executor?: SqlExecutor; startAfter?: Date; singletonKey?: string } = {},
): Promise<void> {
  const boss = await jobQueue();
  const executor = options.executor ?? sql();
  await boss.send(queue.name, data, {
    db: bossDb(executor),
    startAfter: options.startAfter,
    singletonKey: options.singletonKey,
  });
  await notify(executor, WAKE_CHANNEL, queue.name);
}

/**
 * Adds several jobs in one statement (one round trip however many), with the same transactional guarantee as
 * enqueue().
 */
export async function enqueueMany<T extends object>(
  queue: QueueDefinition<T>,
  jobs: T[],
  options: { executor?: SqlExecutor } = {},
): Promise<void> {
  if (jobs.length === 0) return;
  const boss = await jobQueue();
  const executor = options.executor ?? sql();
  // pg-boss drops jobs of a queue that does not exist, silently: createQueues() must have run.
  await boss.insert(jobs.map((data) => ({ name: queue.name, data })), { db: bossDb(executor) });
  await notify(executor, WAKE_CHANNEL, queue.name);
}

/** Runs this process's workers for `queues` until stopJobs(). Several processes may do so at once. */
export async function startWorkers(queues: QueueDefinition<object>[]): Promise<void> {
  const boss = await jobQueue();
  const state = await holder().started!;
  await createQueues(queues);
  for (const queue of queues) {
    if (state.workers.has(queue.name)) continue;
    const id = await boss.work<object>(
      queue.name,
      { batchSize: queue.batchSize, pollingIntervalSeconds: POLLING_INTERVAL_SECONDS },
      (jobs) => queue.handle(jobs),
    );
    state.workers.set(queue.name, [id]);
  }
  state.wakes ??= await onWake(WAKE_CHANNEL, (name) => {
    for (const id of state.workers.get(name) ?? []) boss.notifyWorker(id);
  });
}

/**
 * Creates the queues without working them (for processes that only enqueue). Cheap after the first call: a
 * queue this process created is not created again.
 */
export async function createQueues(queues: QueueDefinition<object>[]): Promise<void> {
  const boss = await jobQueue();
  const { created } = await holder().started!;
  for (const queue of queues) {
    if (created.has(queue.name)) continue;
    await boss.createQueue(queue.name, {
      name: queue.name,
      retryLimit: queue.policy.retryLimit,
      retryDelay: queue.policy.retryDelaySeconds,
      retryBackoff: queue.policy.retryBackoff,
      expireInSeconds: queue.policy.expireInSeconds,
    });
    created.add(queue.name);
  }
}

export async function stopJobs(): Promise<void> {
  const held = holder();
  const pending = held.started;
  held.started = undefined;
  if (!pending) return;
  const state = await pending.catch(() => undefined);
  if (!state) return;
  await state.wakes?.stop();
  await state.boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
}
