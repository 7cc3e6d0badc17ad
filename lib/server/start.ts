// Server start-up, shared by `next dev`/`next start` (instrumentation.ts) and the stand-alone scripts.
import { migrate } from "@/lib/db/migrate";
import { sql } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { warnOfSandboxInProduction } from "@/lib/sandbox/production-warning";
import { startBackgroundWork } from "@/lib/server/background";
import { seedDemo } from "@/lib/server/seed";

export async function startServer() {
  const settings = env();
  const log = logger();
  warnOfSandboxInProduction(log);
  const result = await migrate(sql(), { log: (line) => log.info(line) });
  log.info({ applied: result.applied.length, database: sql().kind }, "database schema is up to date");
  if (settings.SEED_DEMO ?? !settings.isProduction) {
    printDemoLogins(await seedDemo());
  }
  await startBackgroundWork({ work: settings.WORKERS_IN_APP });
}

function printDemoLogins(seed: Awaited<ReturnType<typeof seedDemo>>) {
  const lines = seed.logins.map((l) => `    ${l.role.padEnd(6)} ${l.email}  password: ${l.password}`);
  const state = seed.created ? "created" : "ready";
  console.log(`\n  Demo organization "${seed.organization}" ${state}. Sign in at ${env().APP_URL} as:\n${lines.join("\n")}\n`);
}
