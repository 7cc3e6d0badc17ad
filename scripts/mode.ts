// Which rules a command runs under, declared by the command itself and never inherited from the shell: lib/env.ts
// applies production rules (explicit secrets and database, no sandbox or demo logins unless asked) unless the process
// was declared a development one. Also loads the .env files that mode reads, as Next.js does.
import nextEnv from "@next/env";

export type CommandMode = "production" | "development";

export function declareMode(mode: CommandMode): void {
  const settings = process.env as Record<string, string>;
  settings.SUNBRIDGE_MODE = mode;
  // Next.js and React decide by NODE_ENV; a value left in the shell ("test") must not reach them either.
  settings.NODE_ENV = mode;
  nextEnv.loadEnvConfig(process.cwd(), mode === "development");
}

/** For commands that run against real data (worker, migrations, key rotation): production unless given `--dev`. */
export function declareModeFromArguments(): CommandMode {
  const mode = process.argv.slice(2).includes("--dev") ? "development" : "production";
  declareMode(mode);
  return mode;
}
