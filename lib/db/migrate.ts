// Applies prisma/migrations/*/migration.sql to either backend and records them exactly as
// `prisma migrate deploy` would, so the two tools can take turns on one database.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SqlDriver, SqlExecutor } from "./sql-driver";

/** The advisory lock key Prisma Migrate takes: sharing it keeps our runner and Prisma's from overlapping. */
const PRISMA_MIGRATE_LOCK = 72707369;

export interface Migration {
  name: string;
  script: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

// Read from disk at run time (not bundled), hence the turbopackIgnore hints on the file system calls.
export function defaultMigrationsDir() {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");
}

export function readMigrations(dir = defaultMigrationsDir()): Migration[] {
  if (!existsSync(/*turbopackIgnore: true*/ dir)) throw new MigrationError(`No migrations folder at ${dir}.`);
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(/*turbopackIgnore: true*/ path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const script = readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, script, checksum: checksumOf(script) };
    });
}

/** Prisma's checksum: SHA-256 of the script, lower-case hex. */
export function checksumOf(script: string) {
  return createHash("sha256").update(script).digest("hex");
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(
  driver: SqlDriver,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrateResult> {
  const migrations = readMigrations(options.dir);
  const log = options.log ?? (() => {});
  return driver.session(async (connection) => {
    await connection.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    try {
      await ensureMigrationsTable(connection);
      const applied = await connection.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
      );
      const pending = verifyHistory(migrations, applied.rows, log);
      for (const migration of pending) {
        log(`Applying ${migration.name}`);
        await applyOne(connection, migration);
      }
      return { applied: pending.map((m) => m.name), alreadyApplied: migrations.length - pending.length };
    } finally {
      await connection.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]);
    }
  });
}

function verifyHistory(migrations: Migration[], rows: AppliedRow[], log: (line: string) => void) {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const failed = live.filter((row) => row.finished_at === null).map((row) => row.migration_name);
  if (failed.length > 0) {
    throw new MigrationError(
      `Migration ${failed.join(", ")} failed earlier and was never resolved. ` +
        "Fix the database by hand, then mark it with `prisma migrate resolve`.",
    );
  }
  const appliedByName = new Map(live.map((row) => [row.migration_name, row]));
  const modified = migrations.filter((m) => {
    const row = appliedByName.get(m.name);
    return row !== undefined && row.checksum !== m.checksum;
  });
  if (modified.length > 0) {
    throw new MigrationError(
      `Applied migration${modified.length > 1 ? "s" : ""} ${modified.map((m) => m.name).join(", ")} ` +
        "changed after being applied. Restore the original migration.sql and put the change in a new migration.",
    );
  }
  const known = new Set(migrations.map((m) => m.name));
  const unknown = live.filter((row) => !known.has(row.migration_name)).map((row) => row.migration_name);
  if (unknown.length > 0) log(`Warning: the database has migrations this code does not: ${unknown.join(", ")}`);
  return migrations.filter((m) => !appliedByName.has(m.name));
}

async function ensureMigrationsTable(connection: SqlExecutor) {
  // Same definition Prisma Migrate creates.
  await connection.exec(`
    CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum"            VARCHAR(64) NOT NULL,
      "finished_at"         TIMESTAMPTZ,
      "migration_name"      VARCHAR(255) NOT NULL,
      "logs"                TEXT,
      "rolled_back_at"      TIMESTAMPTZ,
      "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
}

async function applyOne(connection: SqlExecutor, migration: Migration) {
  const startedAt = new Date();
  await connection.exec("BEGIN");
  try {
    await connection.exec(migration.script);
    await connection.query(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "finished_at", "applied_steps_count")
       VALUES ($1, $2, $3, $4, now(), 1)`,
      [randomUUID(), migration.checksum, migration.name, startedAt],
    );
    await connection.exec("COMMIT");
  } catch (error) {
    await connection.exec("ROLLBACK").catch(() => {});
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`);
  }
}
