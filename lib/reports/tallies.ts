// The report tallies (migration 20261205090000_report_tallies): per organization, measure ("opened", "resolved"),
// dimension and key, everything counted up to each local day, so that a period's figures are the tallies before its
// last day's next day minus those before its first day: two rows per key, whatever the period holds.
//
// Conversation writers only append changes (a trigger does); this module alone turns them into tallies. A fold runs
// under a per-organization advisory lock, so two folds never interleave, and reads each change once (it deletes what it
// folds in the same statement).
import { sql, statement, type SqlExecutor } from "@/lib/db";

export type Measure = "opened" | "resolved";
export type TallyDimension = "organization" | "connection" | "agent" | "connection_agent";

export interface Tally {
  count: number;
  /** Of `count`, those with a duration, whose histogram `buckets` is (lib/reports/histogram.ts). */
  measured: number;
  buckets: number[];
}

export const EMPTY_TALLY: Tally = { count: 0, measured: 0, buckets: [] };

/** The key of a connection_agent tally. */
export const connectionAgentKey = (connectionId: string, assigneeId: string | null) => `${connectionId} ${assigneeId ?? ""}`;

/** Advisory lock class of a fold ("rt" in ASCII), with the organization's hash as the key. */
const FOLD_LOCK_CLASS = 0x7274;
/**
 * Changes folded per statement: bounds a fold's memory and lock time however many piled up (a backfill's hundreds of
 * thousands). Each chunk rewrites its keys' later days, so fewer, larger chunks fold a backlog faster: at the 1M
 * benchmark's tenant 2,000 changes took 1.4 s, 20,000 2.9 s and 100,000 8.3 s.
 */
const FOLD_CHUNK = 50_000;

/**
 * One chunk of an organization's changes into its tallies. Each change counts on its local day in four dimensions;
 * per key, its rows from the first changed day on are rewritten (cumulative), the day's row created from the latest
 * before it where there was none. Resolves to how many changes it moved.
 */
const FOLD = statement<{ moved: number }>(
  `WITH moved AS (
     DELETE FROM "ReportTallyChange" WHERE "organizationId" = $1 AND "id" <= (
       SELECT max("id") FROM (SELECT "id" FROM "ReportTallyChange" WHERE "organizationId" = $1 ORDER BY "id" LIMIT $2) AS chunk)
     RETURNING "measure", "at", "connectionId", "assigneeId", "sign", "seconds"),
   expanded AS (
     SELECT m."measure", d."dimension", d."key", (m."at" AT TIME ZONE o."timeZone")::date AS "day", m."sign"::int AS "sign",
            CASE WHEN m."seconds" IS NULL THEN 0 ELSE m."sign" END AS "measured", "report_bucket"(m."seconds") AS "bucket"
       FROM moved m JOIN "Organization" o ON o."id" = $1
      CROSS JOIN LATERAL (VALUES ('organization', ''), ('connection', m."connectionId"), ('agent', COALESCE(m."assigneeId", '')),
                                 ('connection_agent', m."connectionId" || ' ' || COALESCE(m."assigneeId", ''))) AS d("dimension", "key")),
   changed AS (
     SELECT "measure", "dimension", "key", "day", sum("sign")::int AS "count", sum("measured")::int AS "measured",
            "report_buckets"("bucket", "sign") AS "buckets"
       FROM expanded GROUP BY 1, 2, 3, 4),
   later AS (
     SELECT t."measure", t."dimension", t."key", t."day", 0 AS "count", 0 AS "measured", NULL::int[] AS "buckets"
       FROM (SELECT "measure", "dimension", "key", min("day") AS "first" FROM changed GROUP BY 1, 2, 3) f
       JOIN "ReportTally" t ON t."organizationId" = $1 AND t."measure" = f."measure" AND t."dimension" = f."dimension"
                           AND t."key" = f."key" AND t."day" > f."first"),
   days AS (
     SELECT "measure", "dimension", "key", "day", sum("count") AS "count", sum("measured") AS "measured", "int_array_sum"("buckets") AS "buckets"
       FROM (SELECT * FROM changed UNION ALL SELECT * FROM later) AS both_kinds GROUP BY 1, 2, 3, 4),
   running AS (
     SELECT "measure", "dimension", "key", "day", sum("count") OVER w AS "count", sum("measured") OVER w AS "measured",
            "int_array_sum"("buckets") OVER w AS "buckets"
       FROM days
     WINDOW w AS (PARTITION BY "measure", "dimension", "key" ORDER BY "day")),
   written AS (
     INSERT INTO "ReportTally" ("organizationId", "measure", "dimension", "key", "day", "count", "measured", "buckets")
     SELECT $1, r."measure", r."dimension", r."key", r."day", COALESCE(b."count", 0) + r."count", COALESCE(b."measured", 0) + r."measured",
            "int_array_add"(COALESCE(b."buckets", '{}'), r."buckets")
       FROM running r
       LEFT JOIN LATERAL (
         SELECT t."count", t."measured", t."buckets" FROM "ReportTally" t
          WHERE t."organizationId" = $1 AND t."measure" = r."measure" AND t."dimension" = r."dimension" AND t."key" = r."key" AND t."day" <= r."day"
          ORDER BY t."day" DESC LIMIT 1) b ON true
     ON CONFLICT ("organizationId", "measure", "dimension", "key", "day")
     DO UPDATE SET "count" = EXCLUDED."count", "measured" = EXCLUDED."measured", "buckets" = EXCLUDED."buckets")
   SELECT count(*)::int AS "moved" FROM moved`,
  { moved: "number" },
);

const PENDING_ORGANIZATIONS = statement<{ organizationId: string }>(
  `SELECT DISTINCT "organizationId" FROM "ReportTallyChange"`,
  { organizationId: "string" },
);

const lock = (tx: SqlExecutor, organizationId: string) =>
  tx.query(`SELECT pg_advisory_xact_lock($1::int, hashtext($2))`, [FOLD_LOCK_CLASS, organizationId]);

const HAS_PENDING = statement<{ pending: boolean }>(
  `SELECT EXISTS (SELECT 1 FROM "ReportTallyChange" WHERE "organizationId" = $1) AS "pending"`,
  { pending: "boolean" },
);

/** Folds every pending change of the organization into its tallies; resolves to how many there were. */
export async function foldReportTallies(organizationId: string): Promise<number> {
  // Most reports find nothing to fold: one index probe instead of a transaction and the fold's planning.
  const { rows } = await sql().query(HAS_PENDING, [organizationId]);
  if (!rows[0]!.pending) return 0;
  let folded = 0;
  for (;;) {
    const moved = await sql().transaction(async (tx) => {
      await lock(tx, organizationId);
      const { rows } = await tx.query(FOLD, [organizationId, FOLD_CHUNK]);
      return rows[0]!.moved;
    });
    folded += moved;
    if (moved < FOLD_CHUNK) return folded;
  }
}

/** Housekeeping: folds the pending changes of every organization that has some. */
export async function foldAllReportTallies(): Promise<number> {
  const { rows } = await sql().query(PENDING_ORGANIZATIONS, []);
  let folded = 0;
  for (const { organizationId } of rows) folded += await foldReportTallies(organizationId);
  return folded;
}

/** Counts the organization's tallies again from its conversations (its time zone changed: every local day moved). */
export async function restartReportTallies(organizationId: string): Promise<void> {
  await sql().transaction(async (tx) => {
    await lock(tx, organizationId);
    await tx.query(`SELECT "report_tally_restart"($1)`, [organizationId]);
  });
}

interface TallyRow {
  measure: string;
  key: string;
  boundary: string;
  count: number;
  measured: number;
  buckets: number[] | null;
}

/**
 * The tallies of a dimension's keys before each boundary day: for each key and measure, its latest row before the day.
 * Without keys ($3 null), those of every connection, or of every member and of nobody (""), of the organization.
 */
export const TALLIES = statement<TallyRow>(
  `SELECT m."measure", k."key", b."boundary"::text AS "boundary", t."count", t."measured", to_json(t."buckets") AS "buckets"
     FROM unnest(COALESCE($3::text[], CASE $2
            WHEN 'connection' THEN ARRAY(SELECT c."id" FROM "Connection" c WHERE c."organizationId" = $1)
            WHEN 'agent' THEN ARRAY(SELECT ms."userId" FROM "Membership" ms WHERE ms."organizationId" = $1) || ''::text
          END)) AS k("key") CROSS JOIN (VALUES ('opened'), ('resolved')) AS m("measure") CROSS JOIN unnest($4::date[]) AS b("boundary")
     JOIN LATERAL (
       SELECT t."count", t."measured", t."buckets" FROM "ReportTally" t
        WHERE t."organizationId" = $1 AND t."measure" = m."measure" AND t."dimension" = $2 AND t."key" = k."key" AND t."day" < b."boundary"
        ORDER BY t."day" DESC LIMIT 1) t ON true`,
  { measure: "string", key: "string", boundary: "string", count: "number", measured: "number", buckets: "json?" },
);

/** Tallies by measure, key and boundary day; a key without a tally before a day has none there (EMPTY_TALLY). */
export class TallySnapshot {
  constructor(private readonly tallies: Map<string, Tally>) {}

  at(measure: Measure, key: string, boundary: string): Tally {
    return this.tallies.get(`${measure}\n${key}\n${boundary}`) ?? EMPTY_TALLY;
  }
}

/** The tallies of `keys` (null: every key that can count, see TALLIES) of `dimension` before each of `boundaries` (YYYY-MM-DD). */
export async function readTallies(organizationId: string, dimension: TallyDimension, keys: readonly string[] | null, boundaries: readonly string[]): Promise<TallySnapshot> {
  // Prepared: its plan is the same for every report, and planning it cost about as much as running it.
  const { rows } = await sql().query(TALLIES, [organizationId, dimension, keys, boundaries], { prepare: "report-tallies" });
  return new TallySnapshot(
    new Map(rows.map((row) => [`${row.measure}\n${row.key}\n${row.boundary}`, { count: row.count, measured: row.measured, buckets: row.buckets ?? [] }])),
  );
}

/** What was counted between two tallies (a period's, from the tallies at its ends). */
export function tallyBetween(later: Tally, earlier: Tally): Tally {
  const buckets: number[] = [];
  for (let i = 0; i < Math.max(later.buckets.length, earlier.buckets.length); i++) buckets.push((later.buckets[i] ?? 0) - (earlier.buckets[i] ?? 0));
  return { count: later.count - earlier.count, measured: later.measured - earlier.measured, buckets };
}

/** The sum of tallies. */
export function sumTallies(tallies: readonly Tally[]): Tally {
  const buckets: number[] = [];
  let count = 0;
  let measured = 0;
  for (const tally of tallies) {
    count += tally.count;
    measured += tally.measured;
    tally.buckets.forEach((value, i) => (buckets[i] = (buckets[i] ?? 0) + value));
  }
  return { count, measured, buckets: Array.from(buckets, (value) => value ?? 0) };
}
