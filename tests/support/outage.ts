// A database that can be made to fail like an unreachable server, to test what callers do during an outage.
import type { Database, SqlDriver } from "@/lib/db";

export interface Outage {
  database: Database;
  down(): void;
  up(): void;
}

function connectionRefused() {
  return Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
}

/** Wraps `database`: while down, every raw SQL call rejects as a refused connection would. */
export function withOutage(database: Database): Outage {
  let isDown = false;
  const guard = async <T>(work: () => Promise<T>) => {
    if (isDown) throw connectionRefused();
    return work();
  };
  const real = database.sql;
  const sql: SqlDriver = {
    kind: real.kind,
    query: (text, params) => guard(() => real.query(text, params)),
    exec: (script) => guard(() => real.exec(script)),
    transaction: (work) => guard(() => real.transaction(work)),
    session: (work) => guard(() => real.session(work)),
    listen: (channel, onPayload) => guard(() => real.listen(channel, onPayload)),
    prismaAdapter: () => real.prismaAdapter(),
    close: () => real.close(),
  };
  return { database: { prisma: database.prisma, sql }, down: () => (isDown = true), up: () => (isDown = false) };
}
