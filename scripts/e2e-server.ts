// The server Playwright tests run against: the production build (rebuilt only when sources changed), on a
// fresh database — an embedded one in a temporary folder, or a new database on TEST_DATABASE_URL's server.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { throwawayDatabase } from "@/lib/db/throwaway-database";
import { buildIfStale } from "./production-build";
import { TEST_VAPID_SETTINGS } from "./test-vapid-keys";

const port = process.env.E2E_PORT ?? "3100";

async function freshDatabase(): Promise<{ url: string; dispose: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), "sunbridge-e2e-"));
    return { url: `pglite:${path.join(dir, "pglite")}`, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const database = throwawayDatabase(serverUrl, "sunbridge_e2e");
  await database.create();
  return { url: database.url, dispose: database.drop };
}

buildIfStale("e2e");
const database = await freshDatabase();
const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "-p", port, "-H", "127.0.0.1"], {
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
    // The end-to-end tests drive the SunCo sandbox (its simulator, API and control endpoints at /sandbox/sc), off by default in production.
    SANDBOX_ENABLED: "true",
    // The event endpoint tests' receivers listen on 127.0.0.1, which production refuses unless this says otherwise.
    EVENT_ENDPOINTS_ALLOW_PRIVATE: "true",
    ...TEST_VAPID_SETTINGS,
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
