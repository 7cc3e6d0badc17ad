// The database: one Prisma client and one raw SQL driver per process, on PostgreSQL or embedded PGlite.
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/singletons";
import { PrismaClient } from "./generated/client";
import { createPGliteDriver, createPostgresDriver, type SqlDriver } from "./sql-driver";

export type { SqlDriver, SqlExecutor } from "./sql-driver";
export { deleteExpiredRows } from "./expired-rows";
export { pickColumns, statement, withText, type ColumnsOf, type Statement } from "./statement";
export { Prisma } from "./generated/client";
export type { PrismaClient } from "./generated/client";

export interface Database {
  prisma: PrismaClient;
  sql: SqlDriver;
}

export function openDatabase(driver: SqlDriver): Database {
  return { prisma: new PrismaClient({ adapter: driver.prismaAdapter() }), sql: driver };
}

/** Opens the database the settings name: a PostgreSQL server, or embedded PGlite (DATA_DIR by default). */
export function openConfiguredDatabase(): Database {
  const settings = env();
  const driver = settings.postgresUrl
    ? createPostgresDriver(settings.postgresUrl)
    : createPGliteDriver({ dataDir: settings.pgliteDir });
  return openDatabase(driver);
}

const state = () => processSingleton("database", () => ({ database: undefined as Database | undefined, closed: false }));

function current(): Database {
  const held = state();
  if (held.database) return held.database;
  // Work that outlives closeDatabase() (shutdown, a test file's teardown) must fail, not open the configured database
  // anew: that is another database than the one it was for, and an embedded one in DATA_DIR that another process may
  // hold, which throws wherever the late work happens to run.
  if (held.closed) throw new Error("The database is closed: this work outlived it.");
  held.database = openConfiguredDatabase();
  return held.database;
}

export function db(): PrismaClient {
  return current().prisma;
}

export function sql(): SqlDriver {
  return current().sql;
}

/** Points this process at another database (tests, scripts). */
export function installDatabase(database: Database) {
  Object.assign(state(), { database, closed: false });
}

/** Closes this process's database; until installDatabase(), db() and sql() then refuse instead of reopening it. */
export async function closeDatabase() {
  const held = state();
  const database = held.database;
  Object.assign(held, { database: undefined, closed: true });
  if (!database) return;
  await database.prisma.$disconnect();
  await database.sql.close();
}
