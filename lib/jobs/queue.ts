// The durable job queue: pg-boss (in its own "pgboss" schema) on the app's database connection, so it runs on
// PostgreSQL and on embedded PGlite alike. A queue is declared beside the work it does; the deployment's queues are
// created once, when a process starts (./workers.ts, startJobs). Enqueueing is then one INSERT through the caller's
// executor and a notification: it starts nothing and creates nothing, so inside a transaction it never waits on
// another connection (on PGlite there is none: the transaction holds the only one). The job exists if and only if the
// transaction commits, and workers in any process are woken when it does instead of at their next poll.
import PgBoss from "pg-boss";
import { sql, type SqlExecutor } from "@/lib/db";
import { notify } from "@/lib/db/notifications";

export const JOBS_CHANNEL = "sunbridge_jobs";

/** Shared by every pg-boss instance of the process, so that jobs are written as the started one would write them. */
export const BOSS_OPTIONS = {
  schema: "pgboss",
  // Completed jobs are kept a day for inspection; webhook events and outbox rows are the real record.
  archiveCompletedAfterSeconds: 60 * 60,
  deleteAfterDays: 1,
} as const;

export interface QueueDefinition<T extends object> {
  name: string;
  /** Retry policy and expiry, applied when the queue is created. */
  policy: { retryLimit: number; retryDelaySeconds: number; retryBackoff: boolean; expireInSeconds: number };
  batchSize: number;
  /**
   * Batches this process works at the same time (1 by default): more keeps one slow batch (an event endpoint taking
   * its 10 s to answer) from holding up the rest of the queue.
   */
  workers?: number;
  /** Handles a batch; throwing fails (and later retries) every job of the batch. */
  handle(jobs: PgBoss.Job<T>[]): Promise<void>;
}

/**
 * pg-boss's Db interface over our executor: parameterless scripts may hold several statements. `written` hears how
 * many rows each statement wrote, which pg-boss's insert() does not say.
 */
export function bossDb(executor: SqlExecutor, written: (rowCount: number) => void = () => {}): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const result = values && values.length > 0 ? await executor.query(text, values) : await executor.exec(text);
      written(result.rowCount);
      return result;
    },
  };
}

let sender: PgBoss | undefined;

/** Writes jobs, always through the executor it is given: pg-boss's send() and insert() need no started instance. */
function jobWriter(): PgBoss {
  sender ??= new PgBoss({
    ...BOSS_OPTIONS,
    db: { executeSql: () => Promise.reject(new Error("Jobs are written through the caller's executor.")) },
  });
  return sender;
}

async function write(queue: QueueDefinition<object>, count: number, executor: SqlExecutor, send: (db: PgBoss.Db) => Promise<unknown>) {
  let written = 0;
  await send(bossDb(executor, (rowCount) => (written += rowCount)));
  // pg-boss writes nothing, and says nothing, for a queue that does not exist: fail loudly (the caller's transaction
  // rolls back with it) rather than lose the job.
  if (written !== count) {
    throw new Error(
      `The job queue "${queue.name}" does not exist in this database: every queue is created when the process starts ` +
        "(lib/server/queues.ts); restart it after adding one.",
    );
  }
  await notify(executor, JOBS_CHANNEL, queue.name);
}

/** Adds a job, due at once or at `startAfter`. Pass the transaction's executor to make the job part of it. */
export async function enqueue<T extends object>(
  queue: QueueDefinition<T>,
  data: T,
  options: { executor?: SqlExecutor; startAfter?: Date } = {},
): Promise<void> {
  await write(queue, 1, options.executor ?? sql(), (db) => jobWriter().send(queue.name, data, { db, startAfter: options.startAfter }));
}

/** Adds several jobs in one statement (one round trip however many), with the same guarantees as enqueue(). */
export async function enqueueMany<T extends object>(queue: QueueDefinition<T>, jobs: T[], options: { executor?: SqlExecutor } = {}): Promise<void> {
  if (jobs.length === 0) return;
  const rows = jobs.map((data) => ({ name: queue.name, data }));
  await write(queue, jobs.length, options.executor ?? sql(), (db) => jobWriter().insert(rows, { db }));
}
