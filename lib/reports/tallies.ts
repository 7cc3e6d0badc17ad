// The report tallies (migration 20261205090000_report_tallies): per organization, measure ("opened", "resolved"),
// dimension and key, everything counted up to each local day, so that a period's figures are the tallies before its
// last day's next day minus those before its first day: two rows per key, whatever the period holds.
//
// Conversation writers only append changes (a trigger does); this module alone turns them into tallies. A fold runs
// under a per-organization advisory lock, so two folds never interleave, and reads each change once (it deletes what it
// folds in the same statement).
import { createHash } from "node:crypto";
import { deleteExpiredRows, sql, statement } from "@/lib/db";
import { logger } from "@/lib/log";

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

/** Advisory lock class of a fold ("rt" in ASCII, 29300), with the organization's hash as the key; a time-zone change's
 * restart takes it too (migration 20261205092000_report_tally_folds). */
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
     SELECT "measure", "dimension", "key", "day", sum("count")::int AS "count", sum("measured")::int AS "measured", "int_array_sum"("buckets") AS "buckets"
       FROM (SELECT * FROM changed UNION ALL SELECT * FROM later) AS both_kinds GROUP BY 1, 2, 3, 4),
   running AS (
     SELECT "measure", "dimension", "key", "day", (sum("count") OVER w)::int AS "count", (sum("measured") OVER w)::int AS "measured",
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
     DO UPDATE SET "count" = EXCLUDED."count", "measured" = EXCLUDED."measured", "buckets" = EXCLUDED."buckets"),
   logged AS (
     INSERT INTO "ReportTallyFold" ("organizationId", "firstDay") SELECT $1, min("day") FROM changed HAVING count(*) > 0)
   SELECT count(*)::int AS "moved" FROM moved`,
  { moved: "number" },
);

// The organizations with pending changes, one index probe each (a loose scan of the change table's index).
const PENDING_ORGANIZATIONS = statement<{ organizationId: string }>(
  `WITH RECURSIVE pending("organizationId") AS (
     (SELECT "organizationId" FROM "ReportTallyChange" ORDER BY "organizationId" LIMIT 1)
     UNION ALL
     SELECT (SELECT c."organizationId" FROM "ReportTallyChange" c WHERE c."organizationId" > p."organizationId" ORDER BY c."organizationId" LIMIT 1)
       FROM pending p WHERE p."organizationId" IS NOT NULL)
   SELECT "organizationId" FROM pending WHERE "organizationId" IS NOT NULL`,
  { organizationId: "string" },
);

const HAS_PENDING = statement<{ pending: boolean }>(
  `SELECT EXISTS (SELECT 1 FROM "ReportTallyChange" WHERE "organizationId" = $1) AS "pending"`,
  { pending: "boolean" },
);

/** One chunk of the organization's changes folded under its lock, waited for `lockTimeout` at most (none: as long as it
 * takes); resolves to how many changes it moved. */
async function foldChunk(organizationId: string, lockTimeout?: string): Promise<number> {
  return sql().transaction(async (tx) => {
    if (lockTimeout) await tx.exec(`SET LOCAL lock_timeout = '${lockTimeout}'`);
    await tx.query(`SELECT pg_advisory_xact_lock($1::int, hashtext($2))`, [FOLD_LOCK_CLASS, organizationId]);
    const { rows } = await tx.query(FOLD, [organizationId, FOLD_CHUNK]);
    return rows[0]!.moved;
  });
}

const hasPending = async (organizationId: string) => (await sql().query(HAS_PENDING, [organizationId])).rows[0]!.pending;

/**
 * Folds the organization's pending changes into its tallies, waiting for another fold of it to finish; resolves to how
 * many there were. Housekeeping's way: a report's is foldBeforeReport.
 */
export async function foldReportTallies(organizationId: string): Promise<number> {
  if (!(await hasPending(organizationId))) return 0;
  let folded = 0;
  for (;;) {
    const moved = await foldChunk(organizationId);
    folded += moved;
    if (moved < FOLD_CHUNK) return folded;
  }
}

/** How long a report waits for another fold of its organization before counting without the tallies. */
const REPORT_FOLD_WAIT = "1s";

/**
 * Before a report: folds what is pending if that takes one chunk and the organization's lock is free within a second.
 * Resolves to whether the tallies are now up to date; when not (a backlog after a time-zone change, another fold
 * holding on), the report counts from the conversations instead, and holds no pooled connection waiting.
 */
export async function foldBeforeReport(organizationId: string): Promise<boolean> {
  if (!(await hasPending(organizationId))) return true;
  try {
    return (await foldChunk(organizationId, REPORT_FOLD_WAIT)) < FOLD_CHUNK;
  } catch (error) {
    // 55P03 lock_not_available: another fold holds the organization's lock.
    if ((error as { code?: string }).code === "55P03") return false;
    throw error;
  }
}

/** Housekeeping: folds the pending changes of every organization that has some; one failing stops no other. */
export async function foldAllReportTallies(): Promise<number> {
  const { rows } = await sql().query(PENDING_ORGANIZATIONS, []);
  let folded = 0;
  for (const { organizationId } of rows) {
    try {
      folded += await foldReportTallies(organizationId);
    } catch (error) {
      logger().warn({ err: error, organizationId }, "folding an organization's report tallies failed; housekeeping tries again in a minute");
    }
  }
  return folded;
}

interface TallyRow {
  measure: string;
  key: string;
  boundary: string;
  count: number;
  measured: number;
  buckets: number[] | null;
}

/** The tallies of a dimension's keys before each boundary day: for each key and measure, its latest row before the day. */
export const TALLIES = statement<TallyRow>(
  `SELECT m."measure", k."key", to_char(b."boundary", 'YYYY-MM-DD') AS "boundary", t."count", t."measured", to_json(t."buckets") AS "buckets"
     FROM unnest($3::text[]) AS k("key") CROSS JOIN (VALUES ('opened'), ('resolved')) AS m("measure") CROSS JOIN unnest($4::date[]) AS b("boundary")
     JOIN LATERAL (
       SELECT t."count", t."measured", t."buckets" FROM "ReportTally" t
        WHERE t."organizationId" = $1 AND t."measure" = m."measure" AND t."dimension" = $2 AND t."key" = k."key" AND t."day" < b."boundary"
        ORDER BY t."day" DESC LIMIT 1) t ON true`,
  { measure: "string", key: "string", boundary: "string", count: "number", measured: "number", buckets: "json?" },
);

/** Tallies by measure, key and boundary day; a key without a tally before a day has none there (EMPTY_TALLY). */
export class TallySnapshot {
  constructor(private readonly byBoundary: ReadonlyMap<string, ReadonlyMap<string, Tally>>) {}

  at(measure: Measure, key: string, boundary: string): Tally {
    return this.byBoundary.get(boundary)?.get(`${measure}\n${key}`) ?? EMPTY_TALLY;
  }
}

/** The folds of the last quarter hour: any kept entry (ten minutes at most) was read before them or during them. */
const FOLD_LOG = statement<{ latest: string | null; since: string[] }>(
  `SELECT (SELECT max("version") FROM "ReportTallyFold" WHERE "organizationId" = $1)::text AS "latest",
          ARRAY(SELECT "version"::text || ' ' || "firstDay"::text FROM "ReportTallyFold"
                 WHERE "organizationId" = $1 AND "foldedAt" > now() - interval '15 minutes' ORDER BY "version") AS "since"`,
  { latest: "string?", since: "string[]" },
);

/** The organization's folds as a report starts: the latest, and how far back each recent fold reached. */
export interface FoldLog {
  organizationId: string;
  latest: number;
  /** The last quarter hour's folds: [version, first local day rewritten ("-infinity": all)], in order. */
  since: [number, string][];
}

/**
 * Tallies an app instance read, by organization, dimension, keys and boundary: those before a day change only when a
 * fold reaches back before it (the fold log says), which today's conversations never do. Bounded in entries, in their
 * buckets (about 16 MB) and in age: the log is kept an hour (housekeeping), an entry ten minutes.
 */
const CACHE_MS = 10 * 60_000;
const CACHE_BUCKETS = 2_000_000;
const CACHE_ENTRIES = 5_000;
interface CachedBoundary {
  version: number;
  readAt: number;
  size: number;
  tallies: Map<string, Tally>;
}
const cached = new Map<string, CachedBoundary>();
let cachedSize = 0;

function remember(id: string, entry: CachedBoundary) {
  forget(id);
  cached.set(id, entry);
  cachedSize += entry.size;
  for (const [oldest] of cached) {
    if (cachedSize <= CACHE_BUCKETS && cached.size <= CACHE_ENTRIES) break;
    forget(oldest);
  }
}

function forget(id: string) {
  const entry = cached.get(id);
  if (!entry) return;
  cached.delete(id);
  cachedSize -= entry.size;
}

/** How long the fold log is kept: far longer than an instance keeps tallies (CACHE_MS), whatever the clocks say. */
const FOLD_LOG_SECONDS = 3_600;

/** Housekeeping: drops the fold log's entries older than an hour. */
export function pruneReportTallyFolds(): Promise<number> {
  return deleteExpiredRows(sql(), { table: "ReportTallyFold", key: "version", expiresAt: "foldedAt", graceSeconds: FOLD_LOG_SECONDS });
}

/** Reads the organization's fold log, after any fold a report made (foldBeforeReport). */
export async function readFoldLog(organizationId: string): Promise<FoldLog> {
  const { rows } = await sql().query(FOLD_LOG, [organizationId]);
  const since = rows[0]!.since.map((line): [number, string] => {
    const [version, firstDay] = line.split(" ");
    return [Number(version), firstDay!];
  });
  return { organizationId, latest: Number(rows[0]!.latest ?? 0), since };
}

/** Whether tallies before `boundary` read at `version` still hold: no fold since rewrote a day before it. */
function stillHolds(log: FoldLog, entry: CachedBoundary, boundary: string, now: number): boolean {
  if (now - entry.readAt > CACHE_MS || entry.version > log.latest) return false;
  // "-infinity" sorts before every date, as a day before every boundary.
  return log.since.every(([version, firstDay]) => version <= entry.version || firstDay >= boundary);
}

/**
 * The tallies of `keys` of `dimension` before each of `boundaries` (YYYY-MM-DD): those this instance read before and
 * that still hold from memory, the others from the database.
 */
export async function readTallies(log: FoldLog, dimension: TallyDimension, keys: readonly string[], boundaries: readonly string[]): Promise<TallySnapshot> {
  const keysId = createHash("sha1").update(keys.join("\n")).digest("base64");
  const idOf = (boundary: string) => `${log.organizationId}\n${dimension}\n${keysId}\n${boundary}`;
  const now = Date.now();
  const byBoundary = new Map<string, Map<string, Tally>>();
  const missing: string[] = [];
  for (const boundary of boundaries) {
    const entry = cached.get(idOf(boundary));
    if (entry && stillHolds(log, entry, boundary, now)) byBoundary.set(boundary, entry.tallies);
    else missing.push(boundary);
  }
  if (missing.length > 0) {
    // Prepared: its plan is the same for every report, and planning it cost about as much as running it.
    const { rows } = await sql().query(TALLIES, [log.organizationId, dimension, keys, missing], { prepare: "report-tallies" });
    for (const boundary of missing) byBoundary.set(boundary, new Map());
    for (const row of rows) byBoundary.get(row.boundary)!.set(`${row.measure}\n${row.key}`, { count: row.count, measured: row.measured, buckets: row.buckets ?? [] });
    for (const boundary of missing) {
      const tallies = byBoundary.get(boundary)!;
      let size = 1;
      for (const tally of tallies.values()) size += tally.buckets.length + 1;
      remember(idOf(boundary), { version: log.latest, readAt: now, size, tallies });
    }
  }
  return new TallySnapshot(byBoundary);
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
