// npm run bench:webhooks — the webhook pipeline's benchmark (issues #8 and #17), on this machine, in one run:
//   capacity     the highest offered rate (autocannon overallRate, BENCH_RATES POSTs/s, BENCH_STEP_SECONDS each) the
//                app's webhook intake holds with p99 ≤ 50 ms, no errors and ≥ 95% of the rate achieved; one event per
//                POST, 10% redeliveries. The app is `npm start` (scripts/serve.ts, production build) with
//                WORKERS_IN_APP=false and no worker: the intake alone, as the baseline.
//   capacity-route      the same with WEBHOOK_INTAKE=next: the intake as Next's route handler (what it was before).
//   floor        the same steps against GET /api/health of the same app: an existing route handler that answers a
//                constant JSON through route(), reading nothing — Next's floor for a route handler.
//   baseline     the same steps against a bare node:http + pg server that checks the key and INSERTs the events.
//   end-to-end   batches of 5 events per POST, BENCH_E2E_RATES events/s for BENCH_E2E_SECONDS each: the highest rate
//                at which events reach the read model with processing lag p95 ≤ 1 s, no errors and ≥ 95% of the rate
//                achieved, with the worker as `npm run worker` beside the app.
//   end-to-end-in-app   the same with the worker inside the app process (WORKERS_IN_APP=true).
//   two-instances       two `npm start` (round robin from the load generator), then two `npm run worker`, on one
//                PostgreSQL: capacity and end to end again.
// A step that fails ends its phase. Every phase checks the database: no acknowledged event lost, none stored or
// applied twice. Prints each step with the machine's load average, then one JSON line.
//
// Settings: BENCH_PHASES (comma-separated, all by default), BENCH_STEP_SECONDS (15), BENCH_E2E_SECONDS (30),
// BENCH_RATES, BENCH_E2E_RATES (comma-separated), BENCH_PORT (3041; the next four ports too), BENCH_CPU_PROF (a
// directory: app and worker processes write --cpu-prof profiles there), BENCH_DATABASE_URL (its server gets a
// throwaway database). A quick check: BENCH_STEP_SECONDS=3 BENCH_E2E_SECONDS=5 npm run bench:webhooks
import "./development-mode";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { sealConnectionSecret } from "@/lib/connections/secrets";
import { migrate } from "@/lib/db/migrate";
import { createPostgresDriver, type SqlDriver } from "@/lib/db/sql-driver";
import { cpuSecondsOf, parentOf, treeCpuSeconds } from "./bench/cpu";
import { start, stop, stopAll, waitFor } from "./bench/processes";
import { benchDatabase } from "./bench/throwaway-database";
import { buildIfStale } from "./production-build";
import { TEST_VAPID_SETTINGS } from "./test-vapid-keys";

const PHASES = ["capacity", "capacity-route", "floor", "baseline", "end-to-end", "end-to-end-in-app", "two-instances"] as const;
type Phase = (typeof PHASES)[number];

const numbers = (value: string | undefined, fallback: number[]) => (value ? value.split(",").map(Number) : fallback);
const selected = new Set((process.env.BENCH_PHASES ?? PHASES.join(",")).split(",").map((phase) => phase.trim()));
for (const phase of selected) if (!(PHASES as readonly string[]).includes(phase)) throw new Error(`BENCH_PHASES: no phase ${phase}`);
const runs = (phase: Phase) => selected.has(phase);

const BASE_PORT = Number(process.env.BENCH_PORT ?? 3041);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 15);
const E2E_SECONDS = Number(process.env.BENCH_E2E_SECONDS ?? 30);
const RATES = numbers(process.env.BENCH_RATES, [250, 500, 1000, 1500, 2000, 3000, 4000]);
const E2E_RATES = numbers(process.env.BENCH_E2E_RATES, [500, 1000, 1500, 2000, 2500, 3000, 4000, 5000]);
const WARM_UP_SECONDS = 5;
const CONNECTIONS = 50;
const LATENCY_TARGET_MS = 50;
const LAG_TARGET_MS = 1000;
const E2E_EVENTS_PER_POST = 5;
const REDELIVERY_SHARE = 0.1;
/** A step passes only if the server took at least this share of the offered rate. */
const ACHIEVED_SHARE = 0.95;
const ENCRYPTION_KEYS = `bench1:${randomBytes(32).toString("base64")}`;
// sealConnectionSecret reads the key ring through lib/env (lazily, at first use); the servers get the same keys.
process.env.ENCRYPTION_KEYS = ENCRYPTION_KEYS;

const database = benchDatabase();
const scratch = mkdtempSync(path.join(tmpdir(), "sunbridge-bench-"));

function log(line: string) {
  console.log(`bench: ${line}`);
}

const loadAverage = () => loadavg().map((value) => Math.round(value * 100) / 100);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

interface BenchConnection {
  id: string;
  appId: string;
  secret: string;
}

async function createConnection(db: SqlDriver, organizationId: string, label: string): Promise<BenchConnection> {
  const connection = { id: `bench-${label}-${randomBytes(4).toString("hex")}`, appId: randomBytes(12).toString("hex"), secret: randomBytes(16).toString("hex") };
  await db.query(
    `INSERT INTO "Connection" ("id", "organizationId", "appId", "appName", "authType", "encryptedWebhookSecret", "updatedAt")
     VALUES ($1, $2, $3, $4, 'oauth', $5, now())`,
    [connection.id, organizationId, connection.appId, `Bench ${label}`, sealConnectionSecret(connection.id, "encryptedWebhookSecret", connection.secret)],
  );
  return connection;
}


// ——— Processes ——————————————————————————————————————————————————————————————————————————————————————————————————

let appSettings: Record<string, string>;
const profiling = () => (process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []);

/** `npm start` on `port` (tsx scripts/serve.ts, as the npm script runs it), with or without its in-app worker. */
async function startApp(port: number, options: { worker: boolean; intake?: "server" | "next" }) {
  const settings = {
    ...appSettings,
    APP_URL: `http://127.0.0.1:${port}`,
    WORKERS_IN_APP: String(options.worker),
    WEBHOOK_INTAKE: options.intake ?? "server",
  };
  const app = start(process.execPath, [...profiling(), "--import", "tsx", "scripts/serve.ts", "-p", String(port), "-H", "127.0.0.1"], settings);
  await waitFor(`http://127.0.0.1:${port}/api/health`);
  return app;
}

/** `npm run worker`. */
function startWorker() {
  return start(process.execPath, [...profiling(), "--import", "tsx", "scripts/worker.ts"], appSettings);
}

// ——— Load ———————————————————————————————————————————————————————————————————————————————————————————————————————

interface LoadResult {
  durationSeconds: number;
  requests: number;
  ok: number;
  eventsAcknowledged: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number; max: number };
  uniqueEventsSent: number;
  acknowledged: string[];
}

interface LoadOptions {
  rate: number;
  seconds: number;
  eventsPerPost?: number;
  get?: boolean;
}

async function load(urls: string[], connection: BenchConnection, options: LoadOptions): Promise<LoadResult> {
  const out = path.join(scratch, `load-${randomBytes(3).toString("hex")}.json`);
  const settings = {
    urls,
    overallRate: options.rate,
    get: options.get ?? false,
    apiKey: connection.secret,
    appId: connection.appId,
    connections: CONNECTIONS,
    durationSeconds: options.seconds,
    eventsPerPost: options.eventsPerPost ?? 1,
    redeliveryShare: REDELIVERY_SHARE,
    out,
  };
  const child = start(process.execPath, ["--import", "tsx", "scripts/bench/webhook-load.ts", JSON.stringify(settings)]);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`the load generator exited with ${code}`);
  const result = JSON.parse(readFileSync(out, "utf8")) as LoadResult;
  rmSync(out, { force: true });
  return result;
}

// ——— The database's view ————————————————————————————————————————————————————————————————————————————————————————

async function pendingEvents(db: SqlDriver, connectionId: string) {
  const { rows } = await db.query<{ pending: number }>(
    `SELECT count(*)::int AS "pending" FROM "WebhookEvent" WHERE "connectionId" = $1 AND "state" = 'pending'`,
    [connectionId],
  );
  return rows[0]!.pending;
}

/** Whether every event of `connectionId` was processed within `timeoutMs`. */
async function waitUntilProcessed(db: SqlDriver, connectionId: string, timeoutMs = 300_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while ((await pendingEvents(db, connectionId)) > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return true;
}

/** Pending events set aside, so that no later phase's worker applies them (capacity phases run no worker). */
async function setAside(db: SqlDriver, connectionId: string) {
  await db.query(`UPDATE "WebhookEvent" SET "state" = 'ignored' WHERE "connectionId" = $1 AND "state" = 'pending'`, [connectionId]);
}

async function databaseNow(db: SqlDriver) {
  const { rows } = await db.query<{ now: Date }>("SELECT now() AS now");
  return rows[0]!.now;
}

async function processingLag(db: SqlDriver, connectionId: string, from: Date, to: Date) {
  const { rows } = await db.query<{ p50: number | null; p95: number | null; processed: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS "p50", percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS "p95",
            count(*)::int AS "processed"
       FROM (SELECT extract(epoch FROM "processedAt" - "receivedAt") * 1000 AS ms
               FROM "WebhookEvent" WHERE "connectionId" = $1 AND "receivedAt" >= $2 AND "receivedAt" < $3
                AND "processedAt" IS NOT NULL) AS events`,
    [connectionId, from, to],
  );
  return { p50: rows[0]!.p50 ?? 0, p95: rows[0]!.p95 ?? 0, processed: rows[0]!.processed };
}

/** Acknowledged events not stored, and events stored (or messages applied) more than once, for `connectionId`. */
async function check(db: SqlDriver, connectionId: string, acknowledged: Set<string>) {
  const { rows: stored } = await db.query<{ found: number }>(
    `SELECT count(*)::int AS "found" FROM "WebhookEvent" WHERE "connectionId" = $1 AND "suncoEventId" = ANY($2::text[])`,
    [connectionId, [...acknowledged]],
  );
  const { rows: copies } = await db.query<{ events: number; messages: number }>(
    `SELECT (SELECT count(*) - count(DISTINCT "suncoEventId") FROM "WebhookEvent" WHERE "connectionId" = $1)::int AS "events",
            (SELECT count(*) - count(DISTINCT "suncoMessageId") FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId"
              WHERE c."connectionId" = $1)::int AS "messages"`,
    [connectionId],
  );
  return { lost: acknowledged.size - stored[0]!.found, duplicated: copies[0]!.events + copies[0]!.messages };
}

// ——— Phases —————————————————————————————————————————————————————————————————————————————————————————————————————

interface Step {
  rate: number;
  achievedPerSec: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  lagP95Ms?: number;
  /** CPU per request (capacity) or per applied event (end to end): the processes under test's, PostgreSQL's. */
  cpuMs?: { servers: number; database: number };
  load: number[];
  pass: boolean;
}

interface PhaseResult {
  name: string;
  /** The highest rate that passed (POSTs/s for capacity, events/s end to end); 0 when none did. */
  held: number;
  steps: Step[];
  lost: number;
  duplicated: number;
  redeliveriesAcknowledged: number;
}

const results: PhaseResult[] = [];

/** CPU seconds used so far by the servers under test, and by the PostgreSQL server when it is on this machine. */
function cpuMeter(processes: ChildProcess[], postmaster: number | null) {
  return () => ({
    servers: processes.reduce((sum, child) => sum + cpuSecondsOf(child.pid!), 0),
    database: postmaster ? treeCpuSeconds(postmaster) : 0,
  });
}

/** CPU milliseconds per unit of work (request or event) between two readings of a cpuMeter. */
function cpuPer(units: number, before: ReturnType<ReturnType<typeof cpuMeter>>, after: ReturnType<ReturnType<typeof cpuMeter>>) {
  if (units === 0) return undefined;
  return { servers: ((after.servers - before.servers) * 1000) / units, database: ((after.database - before.database) * 1000) / units };
}

function report(phase: PhaseResult, unit: string) {
  results.push(phase);
  log(`${phase.name}: ${phase.held} ${unit} held; ${phase.lost} lost, ${phase.duplicated} duplicated`);
}

function printStep(name: string, step: Step, unit: string) {
  const lag = step.lagP95Ms === undefined ? "" : `, lag p95 ${round(step.lagP95Ms)} ms`;
  const per = unit === "events/s" ? "event" : "request";
  const cpu = step.cpuMs ? `, CPU ${round(step.cpuMs.servers, 3)} ms (+ PostgreSQL ${round(step.cpuMs.database, 3)} ms)/${per}` : "";
  log(
    `  ${name} ${step.rate} ${unit}: ${round(step.achievedPerSec)} achieved, p99 ${step.p99Ms} ms${lag}, ` +
      `${step.non2xx} non-2xx, ${step.errors} errors${cpu} — ${step.pass ? "held" : "NOT held"} (load ${step.load.join(" ")})`,
  );
}

async function warmUp(urls: string[], connection: BenchConnection, options: { get?: boolean; eventsPerPost?: number } = {}) {
  await load(urls, connection, { rate: 500, seconds: WARM_UP_SECONDS, ...options });
}

/** Steps the offered rate of single-event POSTs (or GETs) until one step is not held. */
async function capacity(
  db: SqlDriver,
  name: string,
  urls: string[],
  connection: BenchConnection,
  cpu: ReturnType<typeof cpuMeter>,
  options: { get?: boolean } = {},
) {
  await warmUp(urls, connection, options);
  const steps: Step[] = [];
  const acknowledged = new Set<string>();
  let redeliveriesAcknowledged = 0;
  for (const rate of RATES) {
    const cpuBefore = cpu();
    const result = await load(urls, connection, { rate, seconds: STEP_SECONDS, get: options.get });
    const cpuMs = cpuPer(result.requests, cpuBefore, cpu());
    result.acknowledged.forEach((id) => acknowledged.add(id));
    redeliveriesAcknowledged += result.eventsAcknowledged - result.acknowledged.length;
    const achievedPerSec = result.requests / result.durationSeconds;
    const clean = result.non2xx === 0 && result.errors === 0 && result.timeouts === 0;
    const step: Step = {
      rate,
      achievedPerSec,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      cpuMs,
      load: loadAverage(),
      pass: clean && result.latency.p99 <= LATENCY_TARGET_MS && achievedPerSec >= ACHIEVED_SHARE * rate,
    };
    steps.push(step);
    printStep(name, step, "requests/s");
    if (!step.pass) break;
  }
  const checked = options.get ? { lost: 0, duplicated: 0 } : await check(db, connection.id, acknowledged);
  if (!options.get) await setAside(db, connection.id);
  const held = Math.max(0, ...steps.filter((step) => step.pass).map((step) => step.rate));
  report({ name, held, steps, ...checked, redeliveriesAcknowledged }, "requests/s");
}

/** Steps the offered rate of 5-event POSTs until the read model falls more than a second behind. */
async function endToEnd(db: SqlDriver, name: string, urls: string[], connection: BenchConnection, cpu: ReturnType<typeof cpuMeter>) {
  await warmUp(urls, connection, { eventsPerPost: E2E_EVENTS_PER_POST });
  if (!(await waitUntilProcessed(db, connection.id))) await setAside(db, connection.id);
  const steps: Step[] = [];
  const acknowledged = new Set<string>();
  let redeliveriesAcknowledged = 0;
  for (const eventsPerSec of E2E_RATES) {
    const from = await databaseNow(db);
    const cpuBefore = cpu();
    const result = await load(urls, connection, { rate: eventsPerSec / E2E_EVENTS_PER_POST, seconds: E2E_SECONDS, eventsPerPost: E2E_EVENTS_PER_POST });
    const to = await databaseNow(db);
    const caughtUp = await waitUntilProcessed(db, connection.id);
    const cpuAfter = cpu();
    result.acknowledged.forEach((id) => acknowledged.add(id));
    redeliveriesAcknowledged += result.eventsAcknowledged - result.acknowledged.length;
    const lag = await processingLag(db, connection.id, from, to);
    const cpuMs = cpuPer(lag.processed, cpuBefore, cpuAfter);
    const achievedPerSec = result.eventsAcknowledged / result.durationSeconds;
    const clean = result.non2xx === 0 && result.errors === 0 && result.timeouts === 0;
    const step: Step = {
      rate: eventsPerSec,
      achievedPerSec,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      lagP95Ms: lag.p95,
      cpuMs,
      load: loadAverage(),
      pass: caughtUp && clean && lag.p95 <= LAG_TARGET_MS && achievedPerSec >= ACHIEVED_SHARE * eventsPerSec,
    };
    steps.push(step);
    printStep(name, step, "events/s");
    if (!caughtUp) {
      log(`  ${name}: still behind after 5 minutes; the rest is set aside (not applied)`);
      await setAside(db, connection.id);
    }
    if (!step.pass) break;
  }
  const checked = await check(db, connection.id, acknowledged);
  const held = Math.max(0, ...steps.filter((step) => step.pass).map((step) => step.rate));
  report({ name, held, steps, ...checked, redeliveriesAcknowledged }, "events/s");
}

async function main() {
  buildIfStale("bench");
  await database.create();
  const db = createPostgresDriver(database.url, { maxConnections: 2 });
  try {
    await migrate(db);
    const organizationId = `bench-org-${randomBytes(4).toString("hex")}`;
    await db.query(`INSERT INTO "Organization" ("id", "name", "updatedAt") VALUES ($1, 'Bench', now())`, [organizationId]);
    const { rows } = await db.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    // The PostgreSQL server's CPU counts in each end-to-end step's cost when it runs on this machine.
    let postmaster: number | null = null;
    try {
      postmaster = parentOf(rows[0]!.pid);
    } catch {
      log("PostgreSQL is not on this machine: its CPU is not counted");
    }
    appSettings = {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      APP_URL: `http://127.0.0.1:${BASE_PORT}`,
      DATABASE_URL: database.url,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      ENCRYPTION_KEYS,
      ...TEST_VAPID_SETTINGS,
      SEED_DEMO: "false",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    };
    const appPort = BASE_PORT;
    const secondPort = BASE_PORT + 2;
    const webhookUrl = (port: number, connection: BenchConnection) => `http://127.0.0.1:${port}/api/webhooks/sunco/${connection.id}`;
    log(`database ${database.name}, ${cpus().length} CPUs, load average ${loadAverage().join(" ")} at the start`);

    if (runs("capacity") || runs("floor") || runs("end-to-end")) {
      const app = await startApp(appPort, { worker: false });
      if (runs("capacity")) {
        const connection = await createConnection(db, organizationId, "capacity");
        await capacity(db, "capacity", [webhookUrl(appPort, connection)], connection, cpuMeter([app], postmaster));
      }
      if (runs("floor")) {
        const connection = await createConnection(db, organizationId, "floor");
        await capacity(db, "floor", [`http://127.0.0.1:${appPort}/api/health`], connection, cpuMeter([app], postmaster), { get: true });
      }
      if (runs("end-to-end")) {
        const connection = await createConnection(db, organizationId, "end-to-end");
        const worker = startWorker();
        await endToEnd(db, "end-to-end", [webhookUrl(appPort, connection)], connection, cpuMeter([app, worker], postmaster));
        await stop(worker);
      }
      await stop(app);
    }

    if (runs("capacity-route")) {
      const app = await startApp(appPort, { worker: false, intake: "next" });
      const connection = await createConnection(db, organizationId, "route");
      await capacity(db, "capacity-route", [webhookUrl(appPort, connection)], connection, cpuMeter([app], postmaster));
      await stop(app);
    }

    if (runs("end-to-end-in-app")) {
      const app = await startApp(appPort, { worker: true });
      const connection = await createConnection(db, organizationId, "in-app");
      await endToEnd(db, "end-to-end-in-app", [webhookUrl(appPort, connection)], connection, cpuMeter([app], postmaster));
      await stop(app);
    }

    if (runs("two-instances")) {
      const apps = await Promise.all([startApp(appPort, { worker: false }), startApp(secondPort, { worker: false })]);
      const first = await createConnection(db, organizationId, "two-capacity");
      const twoInstances = [webhookUrl(appPort, first), webhookUrl(secondPort, first)];
      await capacity(db, "capacity-two-instances", twoInstances, first, cpuMeter(apps, postmaster));
      const second = await createConnection(db, organizationId, "two-end-to-end");
      const workers = [startWorker(), startWorker()];
      const urls = [webhookUrl(appPort, second), webhookUrl(secondPort, second)];
      await endToEnd(db, "end-to-end-two-instances", urls, second, cpuMeter([...apps, ...workers], postmaster));
      await Promise.all([...apps, ...workers].map(stop));
    }

    if (runs("baseline")) {
      const connection = await createConnection(db, organizationId, "baseline");
      const baselinePort = BASE_PORT + 1;
      const server = start(process.execPath, ["--import", "tsx", "scripts/bench/baseline-server.ts", database.url, String(baselinePort), connection.id, connection.secret]);
      await waitFor(`http://127.0.0.1:${baselinePort}/`);
      await capacity(db, "baseline", [`http://127.0.0.1:${baselinePort}/`], connection, cpuMeter([server], postmaster));
      await stop(server);
    }

    const held = (name: string) => results.find((phase) => phase.name === name)?.held ?? null;
    const capacityPerSec = held("capacity");
    const baselineCapacityPerSec = held("baseline");
    const webhookPhases = results.filter((phase) => phase.name !== "floor");
    console.log(
      JSON.stringify({
        capacityPerSec,
        routeCapacityPerSec: held("capacity-route"),
        floorCapacityPerSec: held("floor"),
        baselineCapacityPerSec,
        capacityRatio: capacityPerSec !== null && baselineCapacityPerSec ? round(capacityPerSec / baselineCapacityPerSec, 2) : null,
        capacityTwoInstancesPerSec: held("capacity-two-instances"),
        endToEndPerSec: held("end-to-end"),
        endToEndInAppPerSec: held("end-to-end-in-app"),
        endToEndTwoInstancesPerSec: held("end-to-end-two-instances"),
        lost: webhookPhases.reduce((sum, phase) => sum + phase.lost, 0),
        duplicated: webhookPhases.reduce((sum, phase) => sum + phase.duplicated, 0),
        redeliveriesAcknowledged: webhookPhases.reduce((sum, phase) => sum + phase.redeliveriesAcknowledged, 0),
        cpus: cpus().length,
        loadAverage: loadAverage(),
        steps: Object.fromEntries(results.map((phase) => [phase.name, phase.steps.map((step) => ({ ...step, achievedPerSec: round(step.achievedPerSec) }))])),
      }),
    );
  } finally {
    await stopAll();
    await db.close();
    await database.drop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));
await main();
