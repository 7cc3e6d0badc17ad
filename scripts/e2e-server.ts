// The server Playwright tests run against: the production build (rebuilt only when sources changed), on a
// fresh database — an embedded one in a temporary folder, or a new database on TEST_DATABASE_URL's server.
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPostgresDriver } from "@/lib/db/sql-driver";

const port = process.env.E2E_PORT ?? "3100";
const root = process.cwd();
const SOURCES = ["app", "lib", "public", "instrumentation.ts", "next.config.mjs", "package-lock.json", "tsconfig.json", "prisma/schema.prisma"];
const STAMP = path.join(root, ".next", "sunbridge-sources.sha256");

function sourcesFingerprint() {
  const hash = createHash("sha256");
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const child of readdirSync(full).sort()) visit(path.join(entry, child));
    } else {
      hash.update(`${entry}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  SOURCES.forEach(visit);
  return hash.digest("hex");
}

function buildIfStale() {
  const fingerprint = sourcesFingerprint();
  const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === fingerprint;
  if (built) return;
  console.log("e2e: building the app (sources changed since the last build)…");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(STAMP, fingerprint);
}

async function freshDatabase(): Promise<{ url: string; dispose: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), "sunbridge-e2e-"));
    return { url: `pglite:${path.join(dir, "pglite")}`, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `sunbridge_e2e_${randomBytes(5).toString("hex")}`;
  const admin = createPostgresDriver(serverUrl, { maxConnections: 1 });
  await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.close());
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dispose: async () => {
      const cleanup = createPostgresDriver(serverUrl, { maxConnections: 1 });
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => cleanup.close());
    },
  };
}

buildIfStale();
const database = await freshDatabase();
const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    APP_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: database.url,
    AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    // A 32-byte key, as lib/crypto/secret-box requires.
    ENCRYPTION_KEYS: "e2e1:ZTJlLXN1bmJyaWRnZWUyZS1zdW5icmlkZ2VlMmUtc3U=",
    SEED_DEMO: "true",
    // SunCo is the sandbox mounted at /sandbox/sc: tests connect its fixture apps and inspect it through /_control.
    SANDBOX_ENABLED: "true",
    // The hosted webhook endpoint (/api/webhooks/sunco/…) that answers SunCo's HEAD check is built on another
    // branch; until it is merged here, the sandbox must not refuse the webhook a new connection provisions.
    SANDBOX_VERIFY_WEBHOOK_TARGETS: process.env.SANDBOX_VERIFY_WEBHOOK_TARGETS ?? "false",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  },
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)));
  await database.dispose().catch((error) => console.error("e2e: cleanup failed", error));
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
server.on("exit", (code) => void stop(code ?? 1));
