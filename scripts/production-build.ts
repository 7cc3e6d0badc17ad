// The production build the e2e tests and benchmarks run: `next build`, only when sources changed since the last one.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const SOURCES = ["app", "lib", "public", "instrumentation.ts", "proxy.ts", "next.config.mjs", "package-lock.json", "tsconfig.json", "prisma/schema.prisma"];
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

/** Builds unless the last build is of the current sources; exits the process when the build fails. */
export function buildIfStale(who: string) {
  const fingerprint = sourcesFingerprint();
  const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === fingerprint;
  if (built) return;
  console.log(`${who}: building the app (sources changed since the last build)…`);
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(STAMP, fingerprint);
}
