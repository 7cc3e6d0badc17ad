// Deleting rows past their end a chunk at a time: each statement is bounded, so housekeeping never holds many locks
// or builds one huge transaction however much has piled up.
import type { SqlExecutor } from "./sql-driver";

export const EXPIRED_ROWS_CHUNK = 1000;

export interface ExpiringTable {
  /** Identifiers written in code, never from input. */
  table: string;
  key: string;
  /** An indexed timestamp column: the row is expired once it is `graceSeconds` past. */
  expiresAt: string;
  graceSeconds?: number;
}

/** Deletes every expired row of `spec.table`, oldest first, `chunk` rows per statement; resolves to how many. */
export async function deleteExpiredRows(driver: SqlExecutor, spec: ExpiringTable, chunk = EXPIRED_ROWS_CHUNK): Promise<number> {
  const { table, key, expiresAt } = spec;
  let deleted = 0;
  for (;;) {
    const { rowCount } = await driver.query(
      `DELETE FROM "${table}" WHERE "${key}" IN (
         SELECT "${key}" FROM "${table}" WHERE "${expiresAt}" <= now() - make_interval(secs => $1)
          ORDER BY "${expiresAt}" LIMIT $2)`,
      [spec.graceSeconds ?? 0, chunk],
    );
    deleted += rowCount;
    if (rowCount < chunk) return deleted;
  }
}
