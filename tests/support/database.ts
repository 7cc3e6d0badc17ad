// A fresh, migrated database for one test file: a PGlite clone of the template, or (with
// TEST_DATABASE_URL) a new PostgreSQL database created from the template database.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabase, openDatabase, installDatabase, type Database } from "@/lib/db";
import { stopJobs } from "@/lib/jobs/queue";
import { createPGliteDriver, createPostgresDriver, type SqlDriver } from "@/lib/db/sql-driver";
import { POSTGRES_TEMPLATE_DATABASE, withDatabaseName } from "./database-names";

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
  const name = `sunbridge_test_${randomBytes(6).toString("hex")}`;
  const admin = createPostgresDriver(url, { maxConnections: 1 });
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${POSTGRES_TEMPLATE_DATABASE}`);
  } finally {
    await admin.close();
  }
  const database = openDatabase(createPostgresDriver(withDatabaseName(url, name), { maxConnections: 5 }));
  return {
    database,
    connectAgain: () => createPostgresDriver(withDatabaseName(url, name), { maxConnections: 5 }),
    drop: async () => {
      const cleanup = createPostgresDriver(url, { maxConnections: 1 });
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.close();
      }
    },
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
  const name = `sunbridge_empty_${randomBytes(6).toString("hex")}`;
  const admin = createPostgresDriver(url, { maxConnections: 1 });
  await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.close());
  const opened: SqlDriver[] = [];
  return {
    connect: () => {
      const driver = createPostgresDriver(withDatabaseName(url, name), { maxConnections: 2 });
      opened.push(driver);
      return driver;
    },
    drop: async () => {
      await Promise.all(opened.map((driver) => driver.close()));
      const cleanup = createPostgresDriver(url, { maxConnections: 1 });
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => cleanup.close());
    },
  };
}
