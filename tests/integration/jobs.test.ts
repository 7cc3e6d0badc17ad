import { afterAll, describe, expect, it } from "vitest";
import { sql } from "@/lib/db";
import { enqueue, enqueueMany, startWorkers, stopJobs, type QueueDefinition } from "@/lib/jobs";
import { withTestDatabase } from "../support/database";

withTestDatabase();
afterAll(() => stopJobs());

function recordingQueue(name: string, failTimes = 0) {
  const seen: number[] = [];
  let failures = 0;
  const queue: QueueDefinition<{ n: number }> = {
    name,
    policy: { retryLimit: 3, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 60 },
    batchSize: 50,
    async handle(jobs) {
      if (failures < failTimes) {
        failures += 1;
        throw new Error("transient failure");
      }
      for (const job of jobs) seen.push(job.data.n);
    },
  };
  return { queue, seen };
}

async function eventually(check: () => boolean, timeoutMs = 15_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the job queue", () => {
  it("runs each enqueued job once", async () => {
    const { queue, seen } = recordingQueue("test-once");
    await startWorkers([queue]);
    for (let n = 0; n < 120; n++) await enqueue(queue, { n });
    await eventually(() => seen.length >= 120);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, n) => n));
  });

  it("retries a failed batch", async () => {
    const { queue, seen } = recordingQueue("test-retry", 1);
    await startWorkers([queue]);
    await enqueue(queue, { n: 7 });
    await eventually(() => seen.length === 1);
    expect(seen).toEqual([7]);
  });

  it("enqueues inside a transaction only if it commits", async () => {
    const { queue, seen } = recordingQueue("test-transactional");
    await startWorkers([queue]);
    await sql()
      .transaction(async (tx) => {
        await enqueue(queue, { n: 1 }, { executor: tx });
        throw new Error("roll back");
      })
      .catch(() => {});
    await sql().transaction((tx) => enqueue(queue, { n: 2 }, { executor: tx }));
    await eventually(() => seen.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen).toEqual([2]);
  });
});

describe("enqueueing", () => {
  it("refuses a queue that does not exist, and the caller's transaction rolls back with the job", async () => {
    const { queue } = recordingQueue("test-never-created");
    const before = await sql().query<{ count: number }>(`SELECT count(*)::int AS "count" FROM "Organization"`);
    await expect(
      sql().transaction(async (tx) => {
        await tx.query(`INSERT INTO "Organization" ("id", "name", "updatedAt") VALUES ('org-rolled-back', 'Rolled back', now())`);
        await enqueue(queue, { n: 1 }, { executor: tx });
      }),
    ).rejects.toThrow('The job queue "test-never-created" does not exist in this database');
    await expect(enqueueMany(queue, [{ n: 1 }, { n: 2 }])).rejects.toThrow("does not exist");
    expect((await sql().query(`SELECT count(*)::int AS "count" FROM "Organization"`)).rows).toEqual(before.rows);
    expect((await sql().query(`SELECT 1 FROM pgboss.job WHERE name = 'test-never-created'`)).rows).toEqual([]);
  });
});

describe("a backlog", () => {
  it("drains batch after batch without waiting for the polling interval between full batches", async () => {
    const { queue, seen } = recordingQueue("test-backlog");
    queue.batchSize = 10;
    await startWorkers([queue]);
    // One statement, so one notification: the worker hears of the backlog once.
    const began = Date.now();
    await enqueueMany(queue, Array.from({ length: 60 }, (_, n) => ({ n })));
    await eventually(() => seen.length >= 60);
    // Six full batches one polling interval (2 s) apart would take 10 s.
    expect(Date.now() - began).toBeLessThan(1_500);
  });

  it("is shared by a queue's several workers in this process, each job once", async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    const queue: QueueDefinition<{ n: number }> = {
      name: "test-workers",
      policy: { retryLimit: 0, retryDelaySeconds: 0, retryBackoff: false, expireInSeconds: 60 },
      batchSize: 5,
      workers: 3,
      async handle(jobs) {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 100));
        for (const job of jobs) seen.push(job.data.n);
        inFlight -= 1;
      },
    };
    await startWorkers([queue as QueueDefinition<object>]);
    await enqueueMany(queue, Array.from({ length: 30 }, (_, n) => ({ n })));
    await eventually(() => seen.length >= 30);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, n) => n));
    expect(most).toBeGreaterThan(1);
  });
});
