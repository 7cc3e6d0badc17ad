// Where the webhook worker's time goes: stores a backlog of N pending conversation:message events (CONVS
// conversations, as the benchmark's load), drains it with processWebhookEvents({ limit: LIMIT }) and prints events/s,
// this process's and PostgreSQL's CPU per event (PostgreSQL's is the steadier figure on a busy machine), and each
// statement's time per event. EXPLAIN=1 also prints the plan of each statement's first measured run. For choosing the
// batch size and comparing writer changes A/B:
//   N=20000 LIMIT=250 npx tsx scripts/bench/worker-drain-probe.ts
import "../development-mode";
import { randomBytes } from "node:crypto";
import { READ_MODEL_QUEUES } from "@/lib/conversations";
import { installDatabase, openDatabase } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { createPostgresDriver, type SqlDriver, type SqlExecutor } from "@/lib/db/sql-driver";
import { installJobQueues } from "@/lib/jobs";
import { processWebhookEvents } from "@/lib/webhooks";
import { parentOf, treeCpuSeconds } from "./cpu";
import { benchDatabase } from "./throwaway-database";
import { conversationMessageEvent } from "./webhook-events";

const N = Number(process.env.N ?? 20000);
const LIMIT = Number(process.env.LIMIT ?? 250);
const CONVERSATIONS = Number(process.env.CONVS ?? 2000);
const EXPLAIN = Boolean(process.env.EXPLAIN);
const database = benchDatabase();

/** Times each statement, by its first words; with EXPLAIN, prints each one's first measured plan (rolled back). */
function timed(driver: SqlDriver, timings: Map<string, { ms: number; count: number }>, explained: Set<string>, measuring: () => boolean): SqlDriver {
  const wrap = (executor: SqlExecutor, inTransaction: boolean): SqlExecutor["query"] =>
    (async (query: Parameters<SqlExecutor["query"]>[0], params?: unknown[], options?: { prepare?: string }) => {
      const text = typeof query === "string" ? query : query.text;
      // A statement is named by its first words and the table it writes (the upserts all begin "WITH v AS").
      const target = /(?:INSERT INTO|UPDATE) "(\w+)"/.exec(text)?.[1] ?? "";
      const key = `${text.replace(/\s+/g, " ").trim().slice(0, 60)} → ${target}`;
      if (EXPLAIN && inTransaction && measuring() && !explained.has(key) && /^\s*(WITH|SELECT|INSERT|UPDATE)/.test(text)) {
        explained.add(key);
        await executor.query("SAVEPOINT explain");
        const { rows } = await executor.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${text}`, params);
        await executor.query("ROLLBACK TO SAVEPOINT explain");
        console.log(`--- ${key}\n${rows.map((row) => row["QUERY PLAN"].slice(0, 240)).join("\n")}`);
      }
      const started = performance.now();
      try {
        return await executor.query(query, params, options);
      } finally {
        const entry = timings.get(key) ?? { ms: 0, count: 0 };
        entry.ms += performance.now() - started;
        entry.count += 1;
        timings.set(key, entry);
      }
    }) as SqlExecutor["query"];
  return {
    ...driver,
    query: wrap(driver, false),
    transaction: (work) => driver.transaction((tx) => work({ ...tx, query: wrap(tx, true) })),
  } as SqlDriver;
}

async function storeBacklog(driver: SqlDriver, count: number) {
  const runId = randomBytes(4).toString("hex");
  for (let start = 0; start < count; start += 5000) {
    const events = Array.from({ length: Math.min(5000, count - start) }, (_, k) => conversationMessageEvent(runId, start + k + 1, CONVERSATIONS));
    await driver.query(
      `INSERT INTO "WebhookEvent" ("connectionId", "suncoEventId", "type", "occurredAt", "event")
       SELECT 'probe-connection', e.id, 'conversation:message', now(), e.event FROM unnest($1::text[], $2::json[]) AS e(id, event)`,
      [events.map((event) => event.id), events.map((event) => JSON.stringify(event))],
    );
  }
}

await database.create();
const driver = createPostgresDriver(database.url, { maxConnections: 4 });
try {
  await migrate(driver);
  await installJobQueues(driver, READ_MODEL_QUEUES);
  await driver.query(`INSERT INTO "Organization" ("id", "name", "updatedAt") VALUES ('probe-organization', 'Probe', now())`);
  await driver.query(
    `INSERT INTO "Connection" ("id", "organizationId", "appId", "appName", "authType", "updatedAt")
     VALUES ('probe-connection', 'probe-organization', 'app', 'Probe', 'oauth', now())`,
  );
  const timings = new Map<string, { ms: number; count: number }>();
  let measuring = false;
  const probed = timed(driver, timings, new Set(), () => measuring);
  installDatabase(openDatabase(probed));
  const { rows } = await driver.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  const postmaster = parentOf(rows[0]!.pid);
  // The first round creates the conversations and users; the second, measured, finds them (the steady state).
  for (const round of ["warm-up", "measured"]) {
    await storeBacklog(driver, round === "warm-up" ? CONVERSATIONS : N);
    timings.clear();
    measuring = round === "measured";
    const postgresBefore = treeCpuSeconds(postmaster);
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    let done = 0;
    for (;;) {
      const claimed = await processWebhookEvents({ limit: LIMIT, driver: probed });
      if (claimed === 0) break;
      done += claimed;
    }
    if (round === "warm-up") continue;
    const seconds = (performance.now() - started) / 1000;
    const postgres = treeCpuSeconds(postmaster) - postgresBefore;
    const cpu = process.cpuUsage(cpuBefore);
    console.log(
      `batches of ${LIMIT}: ${done} events in ${seconds.toFixed(2)} s = ${(done / seconds).toFixed(0)} events/s; ` +
        `node CPU ${((cpu.user + cpu.system) / 1000 / done).toFixed(3)} ms/event, PostgreSQL CPU ${((postgres * 1000) / done).toFixed(3)} ms/event`,
    );
    for (const [key, { ms, count }] of [...timings].sort((a, b) => b[1].ms - a[1].ms)) {
      console.log(`  ${((ms / done) * 1000).toFixed(1).padStart(7)} µs/event ${String(count).padStart(5)}×  ${key}`);
    }
  }
} finally {
  await driver.close();
  await database.drop();
}
