// Raw SQL access to either backend: PostgreSQL through a `pg` pool, or embedded PGlite in this process.
// Prisma, the migration runner, the job queue and LISTEN/NOTIFY all share the same connection source.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { PGlite, type Transaction as PGliteTransaction } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { textOf, type Statement } from "./statement";

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** Runs statements on one connection (inside a transaction or a session). */
export interface SqlExecutor {
  /**
   * `prepare` names the statement so that PostgreSQL parses and plans it once per connection (hot paths only:
   * one name, one text). PGlite, in process, has no round trip to save and ignores it.
   */
  query<Row = Record<string, unknown>>(
    query: string | Statement<Row>,
    params?: unknown[],
    options?: { prepare?: string },
  ): Promise<QueryResult<Row>>;
  /** Runs a script of several statements (no parameters); resolves to the last statement's result. */
  exec<Row = Record<string, unknown>>(script: string): Promise<QueryResult<Row>>;
}

export interface SqlDriver extends SqlExecutor {
  readonly kind: "postgres" | "pglite";
  /** BEGIN … COMMIT around `work`, ROLLBACK when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Holds one connection for `work` (session-level locks need the same connection throughout). */
  session<T>(work: (connection: SqlExecutor) => Promise<T>): Promise<T>;
  /** Subscribes to NOTIFY on `channel`; resolves to an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  prismaAdapter(): PrismaPg | PrismaPGlite;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL

export function createPostgresDriver(connectionString: string, options: { maxConnections?: number } = {}): SqlDriver {
  const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const executor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query<Row>(query: string | Statement<Row>, params?: unknown[], options?: { prepare?: string }) {
      const text = textOf(query);
      const result = await client.query(options?.prepare ? { name: options.prepare, text, values: params } : { text, values: params });
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
    async exec<Row>(script: string) {
      // node-postgres answers a multi-statement script with one result per statement.
      const results = (await client.query(script)) as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(results) ? results.at(-1) : results;
      return { rows: (last?.rows ?? []) as Row[], rowCount: last?.rowCount ?? 0 };
    },
  });

  let listener: PostgresListener | undefined;

  return {
    kind: "postgres",
    ...executor(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(executor(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async session(work) {
      const client = await pool.connect();
      try {
        return await work(executor(client));
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      listener ??= new PostgresListener(connectionString);
      return listener.subscribe(channel, onPayload);
    },
    prismaAdapter: () => new PrismaPg(pool),
    async close() {
      await listener?.close();
      await pool.end();
    },
  };
}

/**
 * One dedicated connection for LISTEN, re-established with its subscriptions after a drop, so that
 * notifications keep flowing when the database restarts.
 */
class PostgresListener {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  private closed = false;

  constructor(private readonly connectionString: string) {}

  async subscribe(channel: string, onPayload: (payload: string) => void) {
    let handlers = this.handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(channel, handlers);
      const client = await this.connect();
      await client.query(`LISTEN ${quoteIdentifier(channel)}`);
    }
    handlers.add(onPayload);
    return async () => {
      handlers.delete(onPayload);
      if (handlers.size === 0 && this.handlers.get(channel) === handlers) {
        this.handlers.delete(channel);
        await this.client?.query(`UNLISTEN ${quoteIdentifier(channel)}`).catch(() => {});
      }
    };
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString });
      client.on("notification", (message) => {
        for (const handler of this.handlers.get(message.channel) ?? []) handler(message.payload ?? "");
      });
      client.on("error", () => this.reconnectSoon(client));
      client.on("end", () => this.reconnectSoon(client));
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      this.client = client;
      this.connecting = undefined;
      return client;
    })().catch((error) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  private reconnectSoon(client: pg.Client) {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    const retry = () => {
      if (this.closed) return;
      this.connect().catch(() => setTimeout(retry, 1000).unref());
    };
    setTimeout(retry, 200).unref();
  }

  async close() {
    this.closed = true;
    await this.client?.end().catch(() => {});
  }
}

function quoteIdentifier(name: string) {
  return `"${name.replaceAll('"', '""')}"`;
}

// ---------------------------------------------------------------------------------------------------------------
// PGlite

export interface PGliteDriverOptions {
  /** Directory to persist to; in memory when absent. */
  dataDir?: string;
  /** A dump (from `dumpDataDir`) to start from: much faster than migrating a new database. */
  loadDataDir?: Blob;
}

/**
 * The extensions the migrations create (PostgreSQL ships them in contrib). A PGlite database that has one can only be
 * opened with it loaded, so every PGlite instance is made through here.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

/** Opens synchronously; the first query waits until the database is ready. */
export function createPGliteDriver(options: PGliteDriverOptions = {}): SqlDriver {
  const releaseLock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  const pglite = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, extensions: PGLITE_EXTENSIONS });
  pglite.waitReady.catch(releaseLock);
  return wrapPGlite(pglite, releaseLock);
}

export function wrapPGlite(pglite: PGlite, afterClose: () => void = () => {}): SqlDriver {
  let sessionQueue: Promise<void> = Promise.resolve();
  const executor = (client: PGlite | PGliteTransaction): SqlExecutor => ({
    async query<Row>(query: string | Statement<Row>, params?: unknown[]) {
      const result = await client.query<Row>(textOf(query), params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec<Row>(script: string) {
      const last = (await client.exec(script)).at(-1);
      return { rows: (last?.rows ?? []) as Row[], rowCount: last?.affectedRows ?? 0 };
    },
  });

  return {
    kind: "pglite",
    ...executor(pglite),
    // PGlite is a single connection that serialises transactions itself.
    transaction: (work) => pglite.transaction((tx) => work(executor(tx))),
    session: (work) => {
      // One connection only: sessions take turns, as two pooled connections' session locks would make them.
      const turn = sessionQueue.then(() => work(executor(pglite)));
      sessionQueue = turn.then(
        () => undefined,
        () => undefined,
      );
      return turn;
    },
    async listen(channel, onPayload) {
      const unlisten = await pglite.listen(channel, onPayload);
      return () => unlisten();
    },
    prismaAdapter: () => new PrismaPGlite(pglite),
    async close() {
      try {
        await pglite.close();
      } finally {
        afterClose();
      }
    },
  };
}

/**
 * PGlite has no server: two processes opening one data directory would corrupt it. A pid file makes
 * the second one fail with an explanation instead.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(readFileSync(lockFile, "utf8"));
      if (!isRunning(holder)) {
        rmSync(lockFile, { force: true });
        continue;
      }
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${holder}. ` +
          "Stop that process first, or set DATABASE_URL to share a PostgreSQL server between processes.",
      );
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir}.`);
}

function isRunning(pid: number) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
