// The commands that serve or change a deployment's data (npm start, the worker, db:migrate, keys:rotate) apply the
// production rules whatever NODE_ENV or SUNBRIDGE_MODE a shell left behind; only an explicit --dev gives them the
// development defaults.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** `--import tsx`, as the npm scripts run it, from a directory without node_modules. */
const TSX = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;

const scratchDirectories: string[] = [];
const scratchDirectory = () => {
  const directory = mkdtempSync(path.join(tmpdir(), "sunbridge-mode-"));
  scratchDirectories.push(directory);
  return directory;
};
afterAll(() => {
  for (const directory of scratchDirectories) rmSync(directory, { recursive: true, force: true });
});

interface Outcome {
  code: number;
  output: string;
}

/**
 * Runs a script as its npm command does, with a shell's leftovers and none of the production settings; in an empty
 * directory unless it needs the project's files, so that no .env file of the developer's is read.
 */
function run(script: string, args: string[] = [], options: { inProject?: boolean; env?: Record<string, string> } = {}): Promise<Outcome> {
  const scratch = scratchDirectory();
  const cwd = options.inProject ? ROOT : scratch;
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "test" as const,
    SUNBRIDGE_MODE: "development",
    DATA_DIR: path.join(scratch, ".data"),
    LOG_LEVEL: "silent",
    NEXT_TELEMETRY_DISABLED: "1",
    TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.json"),
  };
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", TSX, path.join(ROOT, script), ...args], { cwd, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe("commands that act on a deployment", () => {
  it("refuse to start without DATABASE_URL, AUTH_SECRET and ENCRYPTION_KEYS though NODE_ENV=test and SUNBRIDGE_MODE=development", async () => {
    const scripts = ["scripts/serve.ts", "scripts/worker.ts", "scripts/db-migrate.ts", "scripts/keys-rotate.ts"];
    const outcomes = await Promise.all(scripts.map((script) => run(script)));
    scripts.forEach((script, index) => {
      const { code, output } = outcomes[index]!;
      expect(code, `${script}: ${output}`).not.toBe(0);
      expect(output, script).toContain("DATABASE_URL: required in production");
      expect(output, script).toContain("AUTH_SECRET: required in production");
      expect(output, script).toContain("ENCRYPTION_KEYS: required in production");
    });
  });

  it("use the development defaults when asked with --dev: db:migrate migrates without secrets", async () => {
    const database = `pglite:${scratchDirectory()}`;
    const { code, output } = await run("scripts/db-migrate.ts", ["--dev"], { inProject: true, env: { DATABASE_URL: database } });
    expect(code, output).toBe(0);
    expect(output).toMatch(/Applied \d+ migration\(s\)\./);
  });
});
