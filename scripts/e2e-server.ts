// The server Playwright tests run against: the production build (rebuilt only when sources changed), on a
// fresh database — an embedded one in a temporary folder, or a new database on TEST_DATABASE_URL's server.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPostgresDriver } from "@/lib/db/sql-driver";
import { buildIfStale } from "./production-build";

const port = process.env.E2E_PORT ?? "3100";

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

buildIfStale("e2e");
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
    // 32 bytes, as lib/crypto/secret-box.ts requires.
    ENCRYPTION_KEYS: `e2e1:${Buffer.alloc(32, 0xe2).toString("base64")}`,
    SEED_DEMO: "true",
    // The end-to-end tests drive the SunCo sandbox (its simulator and API at /sandbox/sc), off by default in production.
    SANDBOX_ENABLED: "true",
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
