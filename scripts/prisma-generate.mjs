// Generates the Prisma client (npm postinstall). `prisma generate` never runs the schema engine, but the
// CLI insists on locating one and tries to download it when missing, which fails offline; pointing it at
// any existing file satisfies that check. A real engine configured by the caller is left alone.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE ??= "1";

const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
