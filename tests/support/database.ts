// A fresh, migrated database for one test file: a PGlite clone of the template, or (with
// TEST_DATABASE_URL) a new PostgreSQL database created from the template database.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabase, openDatabase, installDatabase, type Database } from "@/lib/db";
import { createPGliteDriver, createPostgresDriver, type SqlDriver } from "@/lib/db/sql-driver";
import { POSTGRES_TEMPLATE_DATABASE, withDatabaseName } from "./database-names";

export async function createTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dump = new Blob([readFileSync(inject("pgliteTemplateFile"))]);
    const database = openDatabase(createPGliteDriver({ loadDataDir: dump }));
    return { database, drop: async () => {} };
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
export function withTestDatabase(): () => Database {
  let current: { database: Database; drop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    current = await createTestDatabase();
    installDatabase(current.database);
  });
  afterAll(async () => {
    await closeDatabase();
    await current?.drop();
  });
  return () => {
    if (!current) throw new Error("withTestDatabase(): the database is created in beforeAll");
    return current.database;
  };
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
