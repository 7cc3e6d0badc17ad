import { cpSync, mkdtempSync, readFileSync, writeFileSync, appendFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checksumOf, defaultMigrationsDir, migrate, MigrationError, readMigrations } from "@/lib/db/migrate";
import { createEmptyDatabase } from "../support/database";

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  cleanups = [];
});

async function emptyDatabase() {
  const database = await createEmptyDatabase();
  cleanups.push(database.drop);
  return database;
}

function copyOfMigrations() {
  const dir = mkdtempSync(path.join(tmpdir(), "sunbridge-migrations-"));
  cpSync(defaultMigrationsDir(), dir, { recursive: true });
  return dir;
}

describe("the migration runner", () => {
  it("applies every migration to a fresh database and records it the way Prisma Migrate does", async () => {
    const driver = (await emptyDatabase()).connect();
    const result = await migrate(driver);
    const files = readMigrations();
    expect(result.applied).toEqual(files.map((m) => m.name));

    const { rows } = await driver.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((m) => m.name));
    for (const [index, row] of rows.entries()) {
      const file = readFileSync(path.join(defaultMigrationsDir(), row.migration_name, "migration.sql"), "utf8");
      expect(row.checksum).toBe(checksumOf(file));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(files[index]!.checksum).toBe(row.checksum);
    }
  });

  it("is a no-op the second time", async () => {
    const driver = (await emptyDatabase()).connect();
    await migrate(driver);
    const second = await migrate(driver);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(readMigrations().length);
    const { rows } = await driver.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    expect(rows[0]!.n).toBe(readMigrations().length);
  });

  it("refuses loudly when an applied migration's file has changed", async () => {
    const dir = copyOfMigrations();
    const driver = (await emptyDatabase()).connect();
    await migrate(driver, { dir });
    const first = readMigrations(dir)[0]!;
    appendFileSync(path.join(dir, first.name, "migration.sql"), "\n-- an innocent-looking edit\n");

    const attempt = migrate(driver, { dir });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(migrate(driver, { dir })).rejects.toThrow(new RegExp(`${first.name}.*changed after being applied`));
  });

  it("rolls back a failing migration and records nothing for it", async () => {
    const dir = copyOfMigrations();
    const driver = (await emptyDatabase()).connect();
    await migrate(driver, { dir });
    mkdirSync(path.join(dir, "29991231000000_broken"));
    writeFileSync(
      path.join(dir, "29991231000000_broken", "migration.sql"),
      `CREATE TABLE "HalfDone" ("id" TEXT);\nSELECT no_such_function();\n`,
    );
    await expect(migrate(driver, { dir })).rejects.toThrow(/29991231000000_broken failed and was rolled back/);
    const { rows } = await driver.query<{ table: string | null }>(`SELECT to_regclass('"HalfDone"')::text AS table`);
    expect(rows[0]!.table).toBeNull();
    const recorded = await driver.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29991231000000_broken'`);
    expect(recorded.rows).toHaveLength(0);
  });

  it("lets exactly one of several instances starting together apply the migrations", async () => {
    const database = await emptyDatabase();
    const instances = [database.connect(), database.connect(), database.connect()];
    const results = await Promise.all(instances.map((driver) => migrate(driver)));
    const appliedBy = results.map((r) => r.applied.length);
    expect(appliedBy.filter((n) => n > 0)).toHaveLength(1);
    expect(appliedBy.reduce((a, b) => a + b, 0)).toBe(readMigrations().length);
    const { rows } = await instances[0]!.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    expect(rows[0]!.n).toBe(readMigrations().length);
  });
});
