// Work that outlives the process's database (a wake-up scheduled just before a test file's teardown or a shutdown)
// fails against that database, quietly where it is a hint, and never opens the configured database in DATA_DIR.
// (That reopening made `npm test` end with an unhandled error now and then: two test processes opening DATA_DIR's
// embedded database at once, the second throwing "in use by process N" from a timer.)
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, db, installDatabase, sql } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { eventsStored } from "@/lib/webhooks/worker";
import { createTestDatabase, type TestDatabase } from "../support/database";

let dataDir: string;
let database: TestDatabase;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "sunbridge-teardown-"));
  resetEnvForTests({ DATA_DIR: dataDir });
  database = await createTestDatabase();
  installDatabase(database.database);
});
afterEach(async () => {
  await closeDatabase();
  await database.drop();
  resetEnvForTests();
  rmSync(dataDir, { recursive: true, force: true });
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe("after the database closes", () => {
  it("a wake-up for events stored just before goes to that database, and opens no other", async () => {
    // Another test process has DATA_DIR's embedded database open: opening it here would throw from the timer.
    writeFileSync(path.join(dataDir, "pglite.lock"), String(process.ppid));
    // A process without a local webhook worker notifies the others a moment after storing events.
    eventsStored();
    await closeDatabase();
    await settle();
    expect(readdirSync(dataDir)).toEqual(["pglite.lock"]);
  });

  it("db() and sql() refuse with a clear error instead of opening the configured database", async () => {
    await closeDatabase();
    expect(() => db()).toThrow("The database is closed: this work outlived it.");
    expect(() => sql()).toThrow("The database is closed");
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("a database installed again is used as before", async () => {
    await closeDatabase();
    const again = await createTestDatabase();
    installDatabase(again.database);
    try {
      expect(sql()).toBe(again.database.sql);
      expect(await db().organization.count()).toBe(0);
    } finally {
      await closeDatabase();
      await again.drop();
    }
  }, 120_000);
});
