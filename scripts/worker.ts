// npm run worker — a process that only does background work (webhook processing, message sending), for
// deployments that scale workers separately from web servers. Needs DATABASE_URL (PostgreSQL). Production rules
// whatever NODE_ENV says; `-- --dev` for development defaults.
import "./production-mode";
import { closeDatabase, sql } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { startBackgroundWork, stopBackgroundWork } from "@/lib/server/background";

const settings = env();
if (!settings.postgresUrl) {
  console.error("npm run worker needs DATABASE_URL=postgres://…: the embedded database serves one process only.");
  process.exit(1);
}
await migrate(sql(), { log: (line) => logger().info(line) });
await startBackgroundWork({ work: true });
logger().info("worker started");

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  logger().info("worker stopping");
  await stopBackgroundWork();
  await closeDatabase();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
