// npm run bench:webhooks — the ingest benchmark of issue #8, on this machine:
//   1. a throwaway PostgreSQL database (on BENCH_DATABASE_URL's server, else TEST_DATABASE_URL's, else the local one),
//   2. the production build (`next build` when stale, `npm start` on BENCH_PORT, 3041 by default) with its
//      in-app webhook worker,
//   3. autocannon in a separate process: 50 connections for 20 s, one event per POST (BENCH_EVENTS_PER_POST for
//      more: SunCo batches events under load), unique ids plus 10% redeliveries; then the database is checked for
//      lost and duplicated events and the processing lag,
//   4. the same load against a baseline node:http + pg server that only checks the key and INSERTs the events.
// BENCH_WORKER=process runs the webhook worker as `npm run worker` beside the app instead of inside it.
// Prints the figures, then one JSON line.
import "./development-mode";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrate } from "@/lib/db/migrate";
import { createPostgresDriver, type SqlDriver } from "@/lib/db/sql-driver";
import { sealConnectionSecret } from "@/lib/connections/secrets";
import { start, stop, stopAll, waitFor } from "./bench/processes";
import { benchDatabase } from "./bench/throwaway-database";
import { buildIfStale } from "./production-build";

const APP_PORT = Number(process.env.BENCH_PORT ?? 3041);
const BASELINE_PORT = APP_PORT + 1;
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARM_UP_SECONDS = 5;
const CONNECTIONS = 50;
const EVENTS_PER_POST = Number(process.env.BENCH_EVENTS_PER_POST ?? 1);
const SEPARATE_WORKER = process.env.BENCH_WORKER === "process";
const REDELIVERY_SHARE = 0.1;
const ENCRYPTION_KEYS = `bench1:${randomBytes(32).toString("base64")}`;
// sealConnectionSecret reads the key ring through lib/env (lazily, at first use); the server gets the same keys.
process.env.ENCRYPTION_KEYS = ENCRYPTION_KEYS;

const database = benchDatabase();
const scratch = mkdtempSync(path.join(tmpdir(), "sunbridge-bench-"));

function log(line: string) {
  console.log(`bench: ${line}`);
}

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

async function load(target: string, connection: BenchConnection, durationSeconds: number, record: boolean): Promise<LoadResult | null> {
  const out = record ? path.join(scratch, `load-${randomBytes(3).toString("hex")}.json`) : "";
  const settings = {
    url: target,
    apiKey: connection.secret,
    appId: connection.appId,
    connections: CONNECTIONS,
    durationSeconds,
    eventsPerPost: EVENTS_PER_POST,
    redeliveryShare: REDELIVERY_SHARE,
    out,
  };
  const child = start(process.execPath, ["--import", "tsx", "scripts/bench/webhook-load.ts", JSON.stringify(settings)]);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`the load generator exited with ${code}`);
  return record ? (JSON.parse(readFileSync(out, "utf8")) as LoadResult) : null;
}

async function pendingEvents(db: SqlDriver, connectionId: string) {
  const { rows } = await db.query<{ pending: number }>(
    `SELECT count(*)::int AS "pending" FROM "WebhookEvent" WHERE "connectionId" = $1 AND "state" = 'pending'`,
    [connectionId],
  );
  return rows[0]!.pending;
}

async function waitUntilProcessed(db: SqlDriver, connectionId: string, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await pendingEvents(db, connectionId)) > 0) {
    if (Date.now() > deadline) throw new Error("events were still pending after the load");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function check(db: SqlDriver, connectionId: string, acknowledged: string[], since: Date) {
  const { rows: stored } = await db.query<{ found: number }>(
    `SELECT count(*)::int AS "found" FROM "WebhookEvent" WHERE "connectionId" = $1 AND "suncoEventId" = ANY($2::text[])`,
    [connectionId, acknowledged],
  );
  const { rows: copies } = await db.query<{ events: number; messages: number; failed: number }>(
    `SELECT (SELECT count(*) - count(DISTINCT "suncoEventId") FROM "WebhookEvent" WHERE "connectionId" = $1)::int AS "events",
            (SELECT count(*) - count(DISTINCT "suncoMessageId") FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId"
              WHERE c."connectionId" = $1)::int AS "messages",
            (SELECT count(*) FROM "WebhookEvent" WHERE "connectionId" = $1 AND "state" <> 'processed')::int AS "failed"`,
    [connectionId],
  );
  const { rows: lag } = await db.query<{ p50: number; p95: number; max: number; processed: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS "p50", percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS "p95",
            max(ms) AS "max", count(*)::int AS "processed"
       FROM (SELECT extract(epoch FROM "processedAt" - "receivedAt") * 1000 AS ms
               FROM "WebhookEvent" WHERE "connectionId" = $1 AND "receivedAt" >= $2) AS events`,
    [connectionId, since],
  );
  const { rows: messages } = await db.query<{ messages: number }>(
    `SELECT count(*)::int AS "messages" FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId" WHERE c."connectionId" = $1`,
    [connectionId],
  );
  return {
    lost: acknowledged.length - stored[0]!.found,
    duplicated: copies[0]!.events + copies[0]!.messages,
    notProcessed: copies[0]!.failed,
    messages: messages[0]!.messages,
    lag: lag[0]!,
  };
}

async function databaseNow(db: SqlDriver) {
  const { rows } = await db.query<{ now: Date }>("SELECT now() AS now");
  return rows[0]!.now;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function main() {
  buildIfStale("bench");
  await database.create();
  const db = createPostgresDriver(database.url, { maxConnections: 2 });
  try {
    await migrate(db);
    const organizationId = `bench-org-${randomBytes(4).toString("hex")}`;
    await db.query(`INSERT INTO "Organization" ("id", "name", "updatedAt") VALUES ($1, 'Bench', now())`, [organizationId]);
    const app = await createConnection(db, organizationId, "app");
    const baseline = await createConnection(db, organizationId, "baseline");

    log(`npm start on port ${APP_PORT}, database ${database.name}, worker ${SEPARATE_WORKER ? "in its own process" : "in the app"}`);
    const settings = {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      APP_URL: `http://127.0.0.1:${APP_PORT}`,
      DATABASE_URL: database.url,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      ENCRYPTION_KEYS,
      SEED_DEMO: "false",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      WORKERS_IN_APP: String(!SEPARATE_WORKER),
    };
    const server = start(process.execPath, ["--import", "tsx", "scripts/serve.ts", "-p", String(APP_PORT), "-H", "127.0.0.1"], settings);
    const worker = SEPARATE_WORKER ? start(process.execPath, ["--import", "tsx", "scripts/worker.ts"], settings) : null;
    const appUrl = `http://127.0.0.1:${APP_PORT}/api/webhooks/sunco/${app.id}`;
    await waitFor(appUrl);
    log(`warming up for ${WARM_UP_SECONDS} s`);
    await load(appUrl, app, WARM_UP_SECONDS, false);
    await waitUntilProcessed(db, app.id);

    log(`${CONNECTIONS} connections for ${DURATION_SECONDS} s against the app`);
    const since = await databaseNow(db);
    const measured = (await load(appUrl, app, DURATION_SECONDS, true))!;
    await waitUntilProcessed(db, app.id);
    const checked = await check(db, app.id, measured.acknowledged, since);
    await stop(server);
    if (worker) await stop(worker);

    log(`baseline (node:http + pg) on port ${BASELINE_PORT}`);
    const baselineServer = start(process.execPath, [
      "--import",
      "tsx",
      "scripts/bench/baseline-server.ts",
      database.url,
      String(BASELINE_PORT),
      baseline.id,
      baseline.secret,
    ]);
    const baselineUrl = `http://127.0.0.1:${BASELINE_PORT}/`;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await load(baselineUrl, baseline, WARM_UP_SECONDS, false);
    const baselineResult = (await load(baselineUrl, baseline, DURATION_SECONDS, true))!;
    await stop(baselineServer);

    const eventsPerSec = measured.eventsAcknowledged / measured.durationSeconds;
    const baselineEventsPerSec = baselineResult.eventsAcknowledged / baselineResult.durationSeconds;
    console.log(`
  app       ${round(eventsPerSec)} events/s, ${EVENTS_PER_POST} per POST (${measured.ok} POSTs acknowledged, ${measured.non2xx} non-2xx, ${measured.errors} errors, ${measured.timeouts} timeouts)
            latency p50 ${measured.latency.p50} ms, p99 ${measured.latency.p99} ms, max ${measured.latency.max} ms
            ${measured.uniqueEventsSent} unique events sent, ${measured.eventsAcknowledged - measured.acknowledged.length} acknowledged redeliveries
  database  ${checked.lost} lost, ${checked.duplicated} duplicated, ${checked.notProcessed} not processed, ${checked.messages} messages in the read model
  lag       processing p50 ${round(checked.lag.p50)} ms, p95 ${round(checked.lag.p95)} ms, max ${round(checked.lag.max)} ms over ${checked.lag.processed} events
  baseline  ${round(baselineEventsPerSec)} events/s, latency p50 ${baselineResult.latency.p50} ms, p99 ${baselineResult.latency.p99} ms
  ratio     ${round(eventsPerSec / baselineEventsPerSec, 2)}
`);
    console.log(
      JSON.stringify({
        eventsPerSec: round(eventsPerSec),
        p50Ms: measured.latency.p50,
        p99Ms: measured.latency.p99,
        baselineEventsPerSec: round(baselineEventsPerSec),
        ratio: round(eventsPerSec / baselineEventsPerSec, 2),
        lost: checked.lost,
        duplicated: checked.duplicated,
        processingLagP95Ms: round(checked.lag.p95),
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
