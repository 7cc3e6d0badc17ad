// The benchmarks' database: a fresh one named sunbridge_bench_<random> on BENCH_DATABASE_URL's server (else
// TEST_DATABASE_URL's, else the local one), created before a run and dropped after it, whatever happened.
import { randomBytes } from "node:crypto";
import { createPostgresDriver, type SqlDriver } from "@/lib/db/sql-driver";

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5433/postgres";

export interface ThrowawayDatabase {
  name: string;
  url: string;
  create(): Promise<void>;
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (admin: SqlDriver) => Promise<T>) {
  const admin = createPostgresDriver(SERVER_URL, { maxConnections: 1 });
  try {
    return await work(admin);
  } finally {
    await admin.close();
  }
}

export function throwawayDatabase(): ThrowawayDatabase {
  const name = `sunbridge_bench_${randomBytes(5).toString("hex")}`;
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    create: () => withAdmin(async (admin) => void (await admin.query(`CREATE DATABASE ${name}`))),
    drop: () => withAdmin(async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}
