// The deployment's job queues are created once, when a process starts (lib/server/queues.ts): enqueueing then starts
// and creates nothing, so it works inside any transaction, on PGlite's single connection too.
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "@/lib/db";
import { enqueue } from "@/lib/jobs";
import { startBackgroundWork, stopBackgroundWork } from "@/lib/server/background";
import { QUEUES } from "@/lib/server/queues";
import { withTestDatabase } from "../support/database";

withTestDatabase();
afterAll(() => stopBackgroundWork());

const queueNames = () => QUEUES.map((queue) => queue.name).sort();

async function jobCounts() {
  const { rows } = await sql().query<{ name: string; count: number }>(
    `SELECT name, count(*)::int AS "count" FROM pgboss.job GROUP BY name ORDER BY name`,
  );
  return rows;
}

describe("the deployment's job queues", () => {
  it("take jobs inside a transaction in a process that never started the job queue", async () => {
    for (const queue of QUEUES) {
      await sql().transaction((tx) => enqueue(queue, { conversationId: "c1", outboxId: "o1" }, { executor: tx }));
    }
    expect(await jobCounts()).toEqual(queueNames().map((name) => ({ name, count: 1 })));
  });

  it("are created by a process that starts without working them, before it serves", async () => {
    await sql().query(`DELETE FROM pgboss.job`);
    for (const name of queueNames()) await sql().query(`SELECT pgboss.delete_queue($1)`, [name]);
    expect((await sql().query(`SELECT name FROM pgboss.queue`)).rows).toEqual([]);
    await startBackgroundWork({ work: false });
    const { rows } = await sql().query<{ name: string }>(`SELECT name FROM pgboss.queue ORDER BY name`);
    expect(rows.map((row) => row.name)).toEqual(queueNames());
  });
});
