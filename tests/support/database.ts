// A fresh, migrated database for one test file: a PGlite clone of the template, or (with
// TEST_DATABASE_URL) a new PostgreSQL database created from the template database.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabase, openDatabase, installDatabase, type Database } from "@/lib/db";
import { stopJobs } from "@/lib/jobs";
import { createPGliteDriver, createPostgresDriver, type SqlDriver } from "@/lib/db/sql-driver";
import { throwawayDatabase } from "@/lib/db/throwaway-database";
import { POSTGRES_TEMPLATE_DATABASE } from "./database-names";

export interface TestDatabase {
  database: Database;
  /**
   * A second, independent connection source to the same database, as another process would have (PostgreSQL);
   * on PGlite, which is one connection in this process, the same driver. The caller closes it.
   */
  connectAgain: () => SqlDriver;
  drop: () => Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dump = new Blob([readFileSync(inject("pgliteTemplateFile"))]);
    const database = openDatabase(createPGliteDriver({ loadDataDir: dump }));
    return { database, connectAgain: () => database.sql, drop: async () => {} };
  }
  const throwaway = throwawayDatabase(url, "sunbridge_test", { template: POSTGRES_TEMPLATE_DATABASE });
  await throwaway.create();
  const database = openDatabase(createPostgresDriver(throwaway.url, { maxConnections: 5 }));
  return {
    database,
    connectAgain: () => createPostgresDriver(throwaway.url, { maxConnections: 5 }),
    drop: throwaway.drop,
  };
}

/** Gives the calling test file its own database, installed as the process's database. */
export function withTestDatabase(): (() => Database) & { connectAgain: () => SqlDriver } {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await createTestDatabase();
    installDatabase(current.database);
  });
  afterAll(async () => {
    // The job queue runs on the database (webhook processing queues jobs): stop it first.
    await stopJobs();
    await closeDatabase();
    await current?.drop();
  });
  const started = () => {
    if (!current) throw new Error("withTestDatabase(): the database is created in beforeAll");
    return current;
  };
  return Object.assign(() => started().database, { connectAgain: () => started().connectAgain() });
}

/** An empty database with no migrations applied, for testing the migration runner itself. */
export async function createEmptyDatabase(): Promise<{ connect: () => SqlDriver; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const driver = createPGliteDriver();
    return { connect: () => driver, drop: () => driver.close() };
  }
  const throwaway = throwawayDatabase(url, "sunbridge_empty");
  await throwaway.create();
  const opened: SqlDriver[] = [];
  return {
    connect: () => {
      const driver = createPostgresDriver(throwaway.url, { maxConnections: 2 });
      opened.push(driver);
      return driver;
    },
    drop: async () => {
      await Promise.all(opened.map((driver) => driver.close()));
      await throwaway.drop();
    },
  };
}
