// Describes a SQL statement without running it, as PostgreSQL's extended protocol does (Parse, Describe, Sync): the
// columns its rows would have, with each one's type and, when it comes straight from a table, the table column. On
// a migrated database of its own: a PGlite clone of the test template, or a PostgreSQL database cloned from it.
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { inject } from "vitest";
import { PGLITE_EXTENSIONS } from "@/lib/db/sql-driver";
import { throwawayDatabase } from "@/lib/db/throwaway-database";
import { POSTGRES_TEMPLATE_DATABASE } from "./database-names";

export interface DescribedColumn {
  name: string;
  dataTypeID: number;
  /** The table's oid and the column's number when the value is a table column as stored; 0 otherwise. */
  tableID: number;
  columnID: number;
}

export interface StatementDescriber {
  /** The statement's result columns ([] for one that returns no rows); throws PostgreSQL's error for an invalid one. */
  describe(text: string): Promise<DescribedColumn[]>;
  /** Runs a catalog query. */
  query<Row>(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export async function openStatementDescriber(): Promise<StatementDescriber> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? openOnPostgres(url) : openOnPGlite();
}

// --- PGlite: the protocol messages written by hand, answered in process ---------------------------------------

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, "ascii");
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

const cstring = (value: string) => Buffer.from(`${value}\0`, "utf8");

function describeMessages(text: string): Uint8Array {
  // Parse: unnamed statement, the text, no parameter types (the server infers them, as it does when the app runs it).
  const parse = message("P", Buffer.concat([cstring(""), cstring(text), Buffer.from([0, 0])]));
  const describe = message("D", Buffer.concat([Buffer.from("S", "ascii"), cstring("")]));
  const sync = message("S", Buffer.alloc(0));
  return new Uint8Array(Buffer.concat([parse, describe, sync]));
}

async function openOnPGlite(): Promise<StatementDescriber> {
  const dump = new Blob([readFileSync(inject("pgliteTemplateFile"))]);
  const pglite = new PGlite({ loadDataDir: dump, extensions: PGLITE_EXTENSIONS });
  await pglite.waitReady;
  return {
    async describe(text) {
      const { messages } = await pglite.execProtocol(describeMessages(text));
      const failed = messages.find((m) => m.name === "error");
      if (failed) throw failed;
      const description = messages.find((m) => m.name === "rowDescription") as { fields: DescribedColumn[] } | undefined;
      return (description?.fields ?? []).map(({ name, dataTypeID, tableID, columnID }) => ({ name, dataTypeID, tableID, columnID }));
    },
    async query<Row>(text: string, params?: unknown[]) {
      return (await pglite.query<Row>(text, params)).rows;
    },
    close: () => pglite.close(),
  };
}

// --- PostgreSQL: the same messages through node-postgres, as a custom submittable --------------------------------

interface PgConnection {
  parse(query: { text: string; name: string; types: number[] }): void;
  describe(message: { type: "S"; name: string }): void;
  sync(): void;
}

class DescribeStatement {
  private fields: DescribedColumn[] = [];
  private error: unknown = null;
  readonly done: Promise<DescribedColumn[]>;
  private settle!: { resolve: (fields: DescribedColumn[]) => void; reject: (error: unknown) => void };

  constructor(private readonly text: string) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  submit(connection: PgConnection) {
    connection.parse({ text: this.text, name: "", types: [] });
    connection.describe({ type: "S", name: "" });
    connection.sync();
  }

  handleRowDescription(message: { fields: DescribedColumn[] }) {
    this.fields = message.fields.map(({ name, dataTypeID, tableID, columnID }) => ({ name, dataTypeID, tableID, columnID }));
  }

  handleError(error: unknown) {
    this.error = error;
  }

  handleReadyForQuery() {
    if (this.error) this.settle.reject(this.error);
    else this.settle.resolve(this.fields);
  }
}

async function openOnPostgres(url: string): Promise<StatementDescriber> {
  const database = throwawayDatabase(url, "sunbridge_describe", { template: POSTGRES_TEMPLATE_DATABASE });
  await database.create();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return {
    async describe(text) {
      const statement = new DescribeStatement(text);
      void client.query(statement as unknown as pg.QueryConfig);
      return statement.done;
    },
    async query<Row>(text: string, params?: unknown[]) {
      return (await client.query(text, params)).rows as Row[];
    },
    async close() {
      await client.end().catch(() => {});
      await database.drop();
    },
  };
}
