// This process's pg-boss: started once, at start-up, with the deployment's queues (which it creates before the
// process serves), and working them in processes that run background work. Any number of processes may work the
// same queues; a NOTIFY on JOBS_CHANNEL wakes the workers of a queue the moment a job is committed.
import PgBoss from "pg-boss";
import { sql, type SqlDriver } from "@/lib/db";
import { onWake, type WakeSubscription } from "@/lib/db/notifications";
import { logger } from "@/lib/log";
import { processSingleton } from "@/lib/singletons";
import { BOSS_OPTIONS, bossDb, JOBS_CHANNEL, type QueueDefinition } from "./queue";

/** The fallback when a notification is missed (another process restarting, a dropped LISTEN connection). */
const POLLING_INTERVAL_SECONDS = 2;

interface Started {
  boss: PgBoss;
  /** Local worker ids by queue name, to wake on notification. */
  workers: Map<string, string[]>;
  wakes?: WakeSubscription;
}

const jobs = () => processSingleton("jobs", () => ({ started: undefined as Promise<Started> | undefined }));

async function startBoss(): Promise<Started> {
  const boss = new PgBoss({ ...BOSS_OPTIONS, db: bossDb(sql()), migrate: true, supervise: true, schedule: false });
  boss.on("error", (error) => logger().error({ err: error }, "job queue error"));
  await boss.start();
  return { boss, workers: new Map() };
}

async function started(): Promise<Started> {
  const held = jobs();
  held.started ??= startBoss().catch((error) => {
    held.started = undefined;
    throw error;
  });
  return held.started;
}

/** The started queue of this process (started on first use). */
export async function jobQueue(): Promise<PgBoss> {
  return (await started()).boss;
}

async function createQueues(boss: PgBoss, queues: QueueDefinition<object>[]) {
  for (const queue of queues) {
    await boss.createQueue(queue.name, {
      name: queue.name,
      retryLimit: queue.policy.retryLimit,
      retryDelay: queue.policy.retryDelaySeconds,
      retryBackoff: queue.policy.retryBackoff,
      expireInSeconds: queue.policy.expireInSeconds,
    });
  }
}

/**
 * One worker of `queue`. pg-boss waits for its polling interval after every batch unless notified meanwhile, which
 * left a backlog that arrived in one notification to drain at one batch per 2 s: a full batch says more may be
 * waiting, so it fetches again at once.
 */
async function work(boss: PgBoss, queue: QueueDefinition<object>): Promise<string> {
  let id = "";
  id = await boss.work<object>(queue.name, { batchSize: queue.batchSize, pollingIntervalSeconds: POLLING_INTERVAL_SECONDS }, async (jobs) => {
    try {
      await queue.handle(jobs);
    } finally {
      if (jobs.length >= queue.batchSize) boss.notifyWorker(id);
    }
  });
  return id;
}

/**
 * Registers the deployment's queues, once per process, when it starts, before it serves: starts pg-boss and creates
 * every queue (enqueue() counts on them), and works them when `work`.
 */
export async function startJobs(queues: QueueDefinition<object>[], options: { work: boolean }): Promise<void> {
  await createQueues(await jobQueue(), queues);
  if (options.work) await startWorkers(queues);
}

/** Runs this process's workers for `queues` (creating them) until stopJobs(). Several processes may do so at once. */
export async function startWorkers(queues: QueueDefinition<object>[]): Promise<void> {
  const state = await started();
  const { boss, workers } = state;
  await createQueues(boss, queues);
  for (const queue of queues) {
    if (workers.has(queue.name)) continue;
    const ids: string[] = [];
    for (let n = 0; n < (queue.workers ?? 1); n++) ids.push(await work(boss, queue));
    workers.set(queue.name, ids);
  }
  state.wakes ??= await onWake(JOBS_CHANNEL, (name) => {
    for (const id of workers.get(name) ?? []) boss.notifyWorker(id);
  });
}

export async function stopJobs(): Promise<void> {
  const held = jobs();
  const pending = held.started;
  held.started = undefined;
  if (!pending) return;
  const state = await pending.catch(() => undefined);
  if (!state) return;
  await state.wakes?.stop();
  await state.boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
}

/**
 * Makes `driver`'s database ready for jobs without starting anything here: pg-boss's schema and `queues` (the test
 * suite's template database, which every test database is a copy of).
 */
export async function installJobQueues(driver: SqlDriver, queues: QueueDefinition<object>[]): Promise<void> {
  const boss = new PgBoss({ ...BOSS_OPTIONS, db: bossDb(driver), migrate: true, supervise: false, schedule: false });
  await boss.start();
  try {
    await createQueues(boss, queues);
  } finally {
    await boss.stop({ graceful: false, wait: true, close: false });
  }
}
