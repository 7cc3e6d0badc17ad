// Once per `vitest run`: build a migrated template database that every test file clones (much faster than
// migrating each one), on PGlite by default or on TEST_DATABASE_URL's server when it is set. The template has the job
// queues too, as a started process's database has them: code under test enqueues without starting the job queue.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import type { SqlDriver } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { createPostgresDriver, PGLITE_EXTENSIONS, wrapPGlite } from "@/lib/db/sql-driver";
import { withDatabaseName } from "@/lib/db/throwaway-database";
import { installJobQueues } from "@/lib/jobs";
import { QUEUES } from "@/lib/server/queues";
import { POSTGRES_TEMPLATE_DATABASE } from "./database-names";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplateFile: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    await preparePostgresTemplate(url);
    project.provide("pgliteTemplateFile", "");
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "sunbridge-test-"));
  const file = path.join(dir, "template.tar");
  await preparePGliteTemplate(file);
  project.provide("pgliteTemplateFile", file);
  return () => rmSync(dir, { recursive: true, force: true });
}

async function preparePostgresTemplate(url: string) {
  const admin = createPostgresDriver(url, { maxConnections: 1 });
  try {
    // A template must have no connections when cloned; recreate it from scratch each run.
    await admin.query(`DROP DATABASE IF EXISTS ${POSTGRES_TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${POSTGRES_TEMPLATE_DATABASE}`);
  } finally {
    await admin.close();
  }
  const template = createPostgresDriver(withDatabaseName(url, POSTGRES_TEMPLATE_DATABASE), { maxConnections: 1 });
  try {
    await prepareTemplate(template);
  } finally {
    await template.close();
  }
}

async function preparePGliteTemplate(file: string) {
  const pglite = new PGlite({ extensions: PGLITE_EXTENSIONS });
  await prepareTemplate(wrapPGlite(pglite));
  const dump = await pglite.dumpDataDir("none");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
}

async function prepareTemplate(driver: SqlDriver) {
  await migrate(driver);
  await installJobQueues(driver, QUEUES);
}
