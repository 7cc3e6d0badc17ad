// PostgreSQL databases made for one run (a test file, the end-to-end server, a benchmark) and dropped after it,
// whatever happened: created on the server a connection string names, under a random name with the caller's prefix.
import { randomBytes } from "node:crypto";
import { createPostgresDriver } from "./sql-driver";

export interface ThrowawayDatabase {
  name: string;
  /** The server's connection string, naming this database. */
  url: string;
  create(): Promise<void>;
  /** Safe to call whether or not it was created, and with connections still open (they are ended). */
  drop(): Promise<void>;
}

/** The connection string with another database in its path. */
export function withDatabaseName(serverUrl: string, database: string): string {
  const parsed = new URL(serverUrl);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs one statement on the server's own database, over a connection of its own. */
async function onServer(serverUrl: string, statement: string): Promise<void> {
  const admin = createPostgresDriver(serverUrl, { maxConnections: 1 });
  try {
    await admin.query(statement);
  } finally {
    await admin.close();
  }
}

/** Named now, created by `create()`; `template` clones a prepared (e.g. migrated) database. */
export function throwawayDatabase(serverUrl: string, prefix: string, options: { template?: string } = {}): ThrowawayDatabase {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  return {
    name,
    url: withDatabaseName(serverUrl, name),
    create: () => onServer(serverUrl, `CREATE DATABASE ${name}${options.template ? ` TEMPLATE ${options.template}` : ""}`),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
