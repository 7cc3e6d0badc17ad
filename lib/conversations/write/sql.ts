// What the read model's multi-row statements share: rows passed as one jsonb parameter, and guarded assignments.

/**
 * Rows as one jsonb parameter. PostgreSQL text cannot hold U+0000, which an end user can still type; it becomes U+FFFD
 * in the read model (the stored event keeps it).
 */
export function json(rows: unknown[]): string {
  // A replacer makes JSON.stringify call back for every value (the worker's largest cost in JavaScript), so it runs
  // only when the plain text holds an escaped U+0000 (or text that merely looks like one: the result is the same).
  const text = JSON.stringify(rows);
  return text.includes("\\u0000") ? JSON.stringify(rows, withoutNul) : text;
}

const withoutNul = (_key: string, value: unknown) => (typeof value === "string" && value.includes("\0") ? value.replaceAll("\0", "\uFFFD") : value);

/**
 * SET assignments that move a field group together: each column takes its new value when `when` holds, else keeps
 * its own. `columns` maps a column to the expression it takes (EXCLUDED's column of the same name by default).
 */
export function guarded(when: string, row: string, columns: string[] | Record<string, string>): string {
  const pairs = Array.isArray(columns) ? columns.map((c) => [c, `EXCLUDED."${c}"`] as const) : Object.entries(columns);
  return pairs.map(([column, value]) => `"${column}" = CASE WHEN ${when} THEN ${value} ELSE ${row}."${column}" END`).join(",\n    ");
}

/**
 * Upsert rows in one order, by connection and SunCo id: an upsert locks each existing row it meets (even one its
 * WHERE leaves alone), so concurrent workers whose batches share users or conversations lock them in the same order
 * and never deadlock.
 */
export const inLockOrder = <T extends { connectionId: string }>(rows: T[], suncoId: (row: T) => string): T[] =>
  rows.sort((a, b) => compare(a.connectionId, b.connectionId) || compare(suncoId(a), suncoId(b)));

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const NUL = /\0/g;

/**
 * A per-row time for ON CONFLICT clauses, keyed by connection and SunCo id, as one jsonb object; `timeOfConflicting`
 * reads it for the conflicting row. (EXCLUDED holds only table columns, and a correlated subquery over the batch's rows
 * scans them all for each conflicting row: a batch's cost grew with its square.)
 */
export function timesByRow(entries: [connectionId: string, suncoId: string, at: Date | null][]): string {
  const times: Record<string, Date | null> = {};
  // Keys as the rows store them: json() turns U+0000 into U+FFFD.
  for (const [connectionId, suncoId, at] of entries) {
    const key = `${connectionId} ${suncoId}`;
    times[key.includes("\0") ? key.replace(NUL, "\uFFFD") : key] = at;
  }
  return JSON.stringify(times);
}

/** SQL: the time `param` (a timesByRow object) holds for the conflicting row, whose SunCo id is `suncoIdColumn`. */
export const timeOfConflicting = (param: string, suncoIdColumn: string) =>
  `(${param}::jsonb ->> (EXCLUDED."connectionId" || ' ' || EXCLUDED."${suncoIdColumn}"))::timestamptz`;
