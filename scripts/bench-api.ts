// npm run bench:api — the partner API's benchmark (issue 14), on this machine:
//   1. a throwaway PostgreSQL database (BENCH_DATABASE_URL's server, else TEST_DATABASE_URL's, else the local one),
//   2. the production build on BENCH_PORT (3051 by default) with the SunCo sandbox mounted and the outbox worker in
//      the app; an organization connected to a sandbox app by its app API key, one conversation, one API key,
//   3. API sends: BENCH_CLIENTS (50) concurrent clients, each with a conversation of its own, each sending through
//      POST /api/v1/conversations/:id/messages and waiting until its message is at the sandbox (the outbox row
//      sent) before the next, BENCH_SENDS (1000) in all; then every message is looked for at the sandbox, which
//      records when it received each: "API send → at the sandbox" is that time minus when the client sent.
// Reports p50/p95/p99 of the API's answer and of "API send → message at the sandbox", and that none was lost or
// sent twice;
//   4. event fan-out (scripts/bench/event-fanout.ts): the connection gets a SunCo webhook to the app and an event
//      endpoint on a local receiver, the simulator's end user writes BENCH_EVENTS (1000) messages, and every
//      message.created must reach the receiver once: p50/p95/p99 of "webhook in (the app stored SunCo's delivery) → the
//      receiver has its event" (the acceptance: p95 ≤ 1 s), of "SunCo received it → the receiver has its event", and
//      each stage's share. BENCH_PHASES=fanout (or send) runs one half; BENCH_CPU_PROF=<dir> writes the app's
//      --cpu-prof profile there.
// Ends with one JSON line.
import "./development-mode";
import { randomBytes, randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { generateKey } from "@/lib/api-keys/secret";
import { sealConnectionSecret } from "@/lib/connections/secrets";
import { migrate } from "@/lib/db/migrate";
import { createPostgresDriver, type SqlDriver } from "@/lib/db/sql-driver";
import { benchEventFanout } from "./bench/event-fanout";
import { start, stopAll, waitFor } from "./bench/processes";
import { benchDatabase } from "./bench/throwaway-database";
import { buildIfStale } from "./production-build";
import { TEST_VAPID_SETTINGS } from "./test-vapid-keys";

const PORT = Number(process.env.BENCH_PORT ?? 3051);
const APP = `http://127.0.0.1:${PORT}`;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SENDS = Number(process.env.BENCH_SENDS ?? 1000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
/** `send`, `fanout` or both (the default), comma-separated. */
const PHASES = new Set((process.env.BENCH_PHASES ?? "send,fanout").split(",").map((phase) => phase.trim()));
const ENCRYPTION_KEYS = `bench1:${randomBytes(32).toString("base64")}`;
process.env.ENCRYPTION_KEYS = ENCRYPTION_KEYS;

const database = benchDatabase();
const log = (line: string) => console.log(`bench: ${line}`);
const round = (value: number) => Math.round(value * 10) / 10;
/** The figures are CPU-bound: every phase says how busy the machine was. */
const load = () => loadavg().map((value) => value.toFixed(2)).join(" ");

function percentile(sorted: number[], p: number) {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? Number.NaN) };
}

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${APP}/sandbox/sc/_control${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** An organization connected to the sandbox's first app by its app API key, one conversation, and an API key. */
async function tenant(db: SqlDriver) {
  const fixtures = await control<{ apps: { id: string; name?: string; appKeys: { id: string; secret: string }[] }[] }>("GET", "/fixtures");
  const app = fixtures.apps[0]!;
  const appKey = app.appKeys[0]!;
  const organizationId = `bench-org-${randomBytes(4).toString("hex")}`;
  const connectionId = `bench-connection-${randomBytes(4).toString("hex")}`;
  await db.query(`INSERT INTO "Organization" ("id", "name", "updatedAt") VALUES ($1, 'Bench', now())`, [organizationId]);
  await db.query(
    `INSERT INTO "Connection" ("id", "organizationId", "appId", "appName", "authType", "apiKeyId", "encryptedApiKeySecret", "updatedAt")
     VALUES ($1, $2, $3, 'Bench app', 'api_key_basic', $4, $5, now())`,
    [connectionId, organizationId, app.id, appKey.id, sealConnectionSecret(connectionId, "encryptedApiKeySecret", appKey.secret)],
  );
  const conversations: { id: string; suncoId: string; endUserId: string }[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const { user } = await control<{ user: { id: string } }>("POST", `/apps/${app.id}/end-users`, { givenName: `Bench ${i}` });
    const { conversation } = await control<{ conversation: { id: string } }>("POST", `/apps/${app.id}/end-users/${user.id}/conversations`, {});
    const id = randomUUID();
    await db.query(
      `INSERT INTO "Conversation" ("id", "organizationId", "connectionId", "suncoConversationId", "type", "lastActivityAt")
       VALUES ($1, $2, $3, $4, 'personal', now())`,
      [id, organizationId, connectionId, conversation.id],
    );
    conversations.push({ id, suncoId: conversation.id, endUserId: user.id });
  }
  const { key, prefix, secretHash } = generateKey();
  await db.query(`INSERT INTO "ApiKey" ("id", "organizationId", "name", "prefix", "secretHash", "scopes") VALUES ($1, $2, 'Bench', $3, $4, '{send}')`, [
    `bench-key-${prefix}`,
    organizationId,
    prefix,
    secretHash,
  ]);
  // The event fan-out writes as the first conversation's end user.
  const fanout = { organizationId, connectionId, appId: app.id, appKey, suncoConversationId: conversations[0]!.suncoId, endUserId: conversations[0]!.endUserId };
  return { key, conversations, fanout };
}

interface Sent {
  text: string;
  suncoConversationId: string;
  startedAt: number;
  answeredMs: number;
  status: number;
}

/** Resolves when the outbox row is sent (or failed), polled every 50 ms; false after 120 s. */
async function untilSent(db: SqlDriver, outboxId: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await db.query<{ state: string }>(`SELECT "state"::text AS "state" FROM "OutboxMessage" WHERE "id" = $1`, [outboxId]);
    if (rows[0] && rows[0].state !== "pending") return rows[0].state === "sent";
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function send(db: SqlDriver, key: string, conversations: { id: string; suncoId: string }[], runId: string, count: number): Promise<Sent[]> {
  const sent: Sent[] = [];
  let next = 0;
  const client = async (conversation: { id: string; suncoId: string }) => {
    while (next < count) {
      const text = `bench ${runId} #${next++}`;
      const startedAt = Date.now();
      const began = performance.now();
      const response = await fetch(`${APP}/api/v1/conversations/${conversation.id}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": randomUUID() },
        body: JSON.stringify({ text }),
      });
      const answer = (await response.json()) as { clientMessageId?: string };
      sent.push({ text, suncoConversationId: conversation.suncoId, startedAt, answeredMs: performance.now() - began, status: response.status });
      if (answer.clientMessageId) await untilSent(db, answer.clientMessageId);
    }
  };
  await Promise.all(conversations.map(client));
  return sent;
}

/** When the sandbox received each sent text, by text (more than one time: sent twice). */
async function arrivals(sent: Sent[]) {
  const texts = new Set(sent.map((s) => s.text));
  const received = new Map<string, number[]>();
  for (const suncoId of new Set(sent.map((s) => s.suncoConversationId))) {
    const { messages } = await control<{ messages: { content: { text?: string }; received: string }[] }>("GET", `/conversations/${suncoId}`);
    for (const message of messages) {
      const text = message.content.text;
      if (text && texts.has(text)) received.set(text, [...(received.get(text) ?? []), Date.parse(message.received)]);
    }
  }
  return received;
}

async function main() {
  buildIfStale("bench");
  await database.create();
  const db = createPostgresDriver(database.url, { maxConnections: 10 });
  try {
    await migrate(db);
    log(`npm start on port ${PORT} with the sandbox mounted, database ${database.name}`);
    const profiling = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    start(process.execPath, [...profiling, "--import", "tsx", "scripts/serve.ts", "-p", String(PORT), "-H", "127.0.0.1"], {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      APP_URL: APP,
      DATABASE_URL: database.url,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      ENCRYPTION_KEYS,
      ...TEST_VAPID_SETTINGS,
      SANDBOX_ENABLED: "true",
      SEED_DEMO: "false",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      API_RATE_LIMIT_PER_MINUTE: "1000000",
      // The fan-out's receiver listens on 127.0.0.1, which production refuses unless told otherwise.
      EVENT_ENDPOINTS_ALLOW_PRIVATE: "true",
    });
    await waitFor(`${APP}/api/health`);
    const { key, conversations, fanout } = await tenant(db);

    let sendPhase = { sent: [] as Sent[], sendSeconds: Number.NaN, received: new Map<string, number[]>() };
    if (PHASES.has("send")) {
      log(`warming up: ${CLIENTS} sends`);
      await send(db, key, conversations, "warm-up", CLIENTS);
      log(`${CLIENTS} clients, ${SENDS} sends`);
      const runId = randomBytes(4).toString("hex");
      const began = performance.now();
      const sent = await send(db, key, conversations, runId, SENDS);
      sendPhase = { sent, sendSeconds: (performance.now() - began) / 1000, received: await arrivals(sent) };
      log(`sends done; load average ${load()}`);
    }
    const { sent, sendSeconds, received } = sendPhase;
    const refused = sent.filter((s) => s.status !== 201);
    const lost = sent.filter((s) => !received.has(s.text)).length;
    const duplicated = [...received.values()].filter((times) => times.length > 1).length;
    const toSandbox = sent.filter((s) => received.has(s.text)).map((s) => received.get(s.text)![0]! - s.startedAt);
    const events = PHASES.has("fanout") ? await benchEventFanout({ ...fanout, app: APP, db, control }, EVENTS, log) : null;
    if (events) log(`fan-out done; load average ${load()}`);
    const result = {
      clients: CLIENTS,
      sends: sent.length,
      refused: refused.length,
      sendsPerSecond: round(sent.length / sendSeconds),
      apiAnswerMs: summary(sent.map((s) => s.answeredMs)),
      apiSendToSandboxMs: summary(toSandbox),
      lost,
      duplicated,
      events,
      loadAverage: load(),
    };
    if (PHASES.has("send")) {
      log(`API answer p50 ${result.apiAnswerMs.p50} ms, p99 ${result.apiAnswerMs.p99} ms; ${result.sendsPerSecond} sends/s`);
      log(`API send → message at the sandbox p50 ${result.apiSendToSandboxMs.p50} ms, p99 ${result.apiSendToSandboxMs.p99} ms`);
      log(`refused ${result.refused}, lost ${lost}, duplicated ${duplicated}`);
    }
    if (events) {
      const { webhookInToEventOutMs: out, suncoToEventOutMs: sunco } = events;
      log(`event fan-out: ${events.delivered}/${events.messages} in ${events.seconds} s (written at ${events.writtenPerSecond}/s); lost ${events.lost}, duplicated ${events.duplicated}`);
      log(`webhook in → event out p50 ${out.p50} ms, p95 ${out.p95} ms, p99 ${out.p99} ms; from SunCo's receipt p50 ${sunco.p50} ms, p95 ${sunco.p95} ms, p99 ${sunco.p99} ms`);
      const stages = Object.entries(events.stages).map(([stage, { p50, p95 }]) => `${stage} ${p50}/${p95}`);
      log(`stages, ms after SunCo received the message (p50/p95): ${stages.join(", ")}`);
    }
    console.log(JSON.stringify(result));
    const eventsFailed = events !== null && (events.lost > 0 || events.duplicated > 0 || events.webhookInToEventOutMs.p95 > 1000);
    if (refused.length > 0 || lost > 0 || duplicated > 0 || eventsFailed) process.exitCode = 1;
  } finally {
    await stopAll();
    await db.close();
    await database.drop();
  }
}

process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));
void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
