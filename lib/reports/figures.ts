// A report's figures: conversations opened and resolved, first response and resolution times (median, p90) and CSAT,
// in total and by day, connection, team and agent, over a period in the organization's time zone, scoped to what the
// member may see (lib/teams reportScope: everything for owners and admins, the teams they lead for leads).
//
// No message is read: the moments and durations were kept on each conversation by the read model's writers
// (lib/conversations, lib/inbox), already counted in business hours. A small period's figures come from two statements
// over its conversations, each an index-only scan of ("organizationId", "createdAt") or ("organizationId",
// "resolvedAt") (covering indexes), with exact percentiles. A large one's come from the report tallies (./tallies.ts):
// two rows per key whatever the period holds, with percentiles read from histograms. Ratings come from lib/satisfaction.
import type { MemberContext } from "@/lib/auth/require-member";
import { listConnections, type ConnectionName } from "@/lib/connections";
import { sql, statement } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { listMemberNames, type MemberName } from "@/lib/organizations/member-names";
import { listSatisfactionRatings, type SatisfactionRating } from "@/lib/satisfaction";
import { listTeams, reportScope, SCOPED, type MemberAccess, type ReportScope } from "@/lib/teams";
import { organizationSettings } from "@/lib/organizations/settings";
import { histogramPercentile } from "./histogram";
import { localDay, reportPeriod, type ReportPeriod } from "./period";
import type { ReportPeriodInput } from "./schemas";
import {
  connectionAgentKey,
  EMPTY_TALLY,
  foldBeforeReport,
  readFoldLog,
  readTallies,
  sumTallies,
  TALLIES,
  tallyBetween,
  type FoldLog,
  type Measure,
  type Tally,
  type TallySnapshot,
} from "./tallies";

export interface Duration {
  /** Seconds; null when no conversation of the row has one. */
  median: number | null;
  p90: number | null;
}

export interface Figures {
  opened: number;
  /** Of the opened conversations, those answered, and how fast. */
  responded: number;
  firstResponse: Duration;
  resolved: number;
  resolution: Duration;
  csat: { count: number; average: number | null; /** Share of ratings of 4 or 5, 0–1. */ satisfiedShare: number | null };
}

export interface ReportRow extends Figures {
  key: string;
  name: string;
}

export type Dimension = "day" | "connection" | "team" | "agent";

export interface Report {
  period: ReportPeriod;
  total: Figures;
  rows: Record<Dimension, ReportRow[]>;
}

interface FigureRow {
  dimension: string;
  key: string | null;
  count: number;
  measured: number;
  median: number | null;
  p90: number | null;
}

/** GROUPING(day, connection, agent) of each grouping set: a bit is set for each column it does not group by. */
const DIMENSION_OF_GROUPING = `CASE GROUPING("day", "connectionId", "assigneeId") WHEN 7 THEN 'total' WHEN 3 THEN 'day' WHEN 5 THEN 'connection' ELSE 'agent' END`;

/**
 * One measure's statement: the conversations whose `at` falls in the period, with their `seconds`, grouped by day,
 * connection and agent, and by team. $1 organization, $2 first day, $3 the day after the last, $4 time zone, $5 the
 * connections in scope (null: all), $6 the teams in scope (null: all).
 */
function figuresSql(at: "createdAt" | "resolvedAt", seconds: "firstResponseSeconds" | "resolutionSeconds") {
  return `WITH facts AS (
     SELECT c."connectionId", c."assigneeId", (c."${at}" AT TIME ZONE $4)::date AS "day", c."${seconds}" AS "seconds"
       FROM "Conversation" c
      WHERE c."organizationId" = $1 AND c."${at}" >= ($2::date::timestamp AT TIME ZONE $4) AND c."${at}" < ($3::date::timestamp AT TIME ZONE $4)
        AND ${SCOPED(`c."connectionId"`, "$5")}
   ), teams AS (
     SELECT tc."teamId", tc."connectionId"
       FROM "TeamConnection" tc JOIN "Team" t ON t."id" = tc."teamId"
      WHERE t."organizationId" = $1 AND ($6::text[] IS NULL OR t."id" = ANY($6::text[]))
   )
   SELECT ${DIMENSION_OF_GROUPING} AS "dimension",
          COALESCE("day"::text, "connectionId", "assigneeId") AS "key", count(*)::int AS "count", count("seconds")::int AS "measured",
          percentile_cont(0.5) WITHIN GROUP (ORDER BY "seconds") AS "median", percentile_cont(0.9) WITHIN GROUP (ORDER BY "seconds") AS "p90"
     FROM facts
    GROUP BY GROUPING SETS ((), ("day"), ("connectionId"), ("assigneeId"))
   UNION ALL
   SELECT 'team', t."teamId", count(*)::int, count(f."seconds")::int,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY f."seconds"), percentile_cont(0.9) WITHIN GROUP (ORDER BY f."seconds")
     FROM facts f JOIN teams t ON t."connectionId" = f."connectionId"
    GROUP BY t."teamId"`;
}

const FIGURE_COLUMNS = { dimension: "string", key: "string?", count: "number", measured: "number", median: "number?", p90: "number?" } as const;
// Two statements, run side by side on two connections: each reads one index only.
const OPENED = statement<FigureRow>(figuresSql("createdAt", "firstResponseSeconds"), FIGURE_COLUMNS);
const RESOLVED = statement<FigureRow>(figuresSql("resolvedAt", "resolutionSeconds"), FIGURE_COLUMNS);
/**
 * Room for a statement's sorts: at a busy tenant's 30 days (~43,000 conversations opened) the default 4 MB spilled
 * them to disk. Local to the statement's transaction.
 */
const SORT_MEMORY = "SET LOCAL work_mem = '32MB'";
/** The statements, for the benchmark's query plans (scripts/bench-inbox.ts). */
export const REPORT_STATEMENTS = { opened: OPENED, resolved: RESOLVED, sortMemory: SORT_MEMORY, tallies: TALLIES };

/** One measure's rows, in a transaction of its own so that the two statements still run side by side. */
const figureRows = (figures: typeof OPENED, parameters: unknown[]) =>
  sql().transaction(async (tx) => {
    await tx.exec(SORT_MEMORY);
    return tx.query(figures, parameters);
  });

/** Durations to the millisecond, as stored: percentile_cont's interpolation leaves float noise below it. */
const duration = (median: number | null, p90: number | null): Duration => ({ median: toMillisecond(median), p90: toMillisecond(p90) });
const toMillisecond = (seconds: number | null) => (seconds === null ? null : Math.round(seconds * 1000) / 1000);

/** The key of the row of conversations assigned to nobody. */
export const UNASSIGNED = "unassigned";

const emptyFigures = (): Figures => ({
  opened: 0,
  responded: 0,
  firstResponse: { median: null, p90: null },
  resolved: 0,
  resolution: { median: null, p90: null },
  csat: { count: 0, average: null, satisfiedShare: null },
});

/** What the member may see of reports; an agent who leads no team may see none. */
export async function reportAccess(ctx: MemberContext): Promise<ReportScope> {
  const scope = await reportScope(ctx);
  if (!scope.all && scope.teamIds.length === 0) throw new ForbiddenError("Reports are for owners, admins and team leads.");
  return scope;
}

/** Whether the member may open reports (the sidebar's entry). */
export async function seesReports(ctx: MemberAccess): Promise<boolean> {
  const scope = await reportScope(ctx);
  return scope.all || scope.teamIds.length > 0;
}

/**
 * Up to this many conversations opened and resolved in a period, durations are exact (percentile_cont over the
 * period's conversations); beyond, they come from the tallies' histograms (within 10%, lib/reports/histogram.ts), read
 * in a time that does not grow with the period's conversations. Counts are exact either way.
 */
export const EXACT_DURATIONS_UP_TO = 5_000;

type FiguresOf = (dimension: string, key: string | null) => Figures;

type Names = Awaited<ReturnType<typeof namesFor>>;
/** Fills the report's figures once the names are known (a team's figures are its connections'). */
type Fill = (figuresOf: FiguresOf, names: Names) => void;

export async function reportFigures(ctx: MemberContext, period: ReportPeriod, options: { exactUpTo?: number } = {}): Promise<Report> {
  const organizationId = ctx.organization.id;
  // Folding needs no scope: it runs beside the access check (and is harmless if that refuses).
  // The organization's connections and members: names for the rows, and the keys of their tallies.
  const known = Promise.all([listConnections(ctx, "names"), listMemberNames(ctx)]);
  const [scope, upToDate] = await Promise.all([reportAccess(ctx), foldBeforeReport(organizationId), known]);
  const log = await readFoldLog(organizationId);
  // Which way to count, from the organization's tallies at the period's two ends (four rows); from the conversations
  // while the tallies are behind.
  const ends = await readTallies(log, "organization", [""], [period.from, period.until]);
  const inPeriod = (measure: Measure) => tallyBetween(ends.at(measure, "", period.until), ends.at(measure, "", period.from)).count;
  const exact = !upToDate || inPeriod("opened") + inPeriod("resolved") <= (options.exactUpTo ?? EXACT_DURATIONS_UP_TO);
  const namesRead = namesFor(ctx, scope, known);
  const [ratings, names, fill] = await Promise.all([
    ratingsInScope(ctx, period, scope),
    namesRead,
    exact ? exactFigures(organizationId, period, scope) : tallyFigures(log, period, scope, known, namesRead),
  ]);

  const total = emptyFigures();
  const byDimension: Record<Dimension, Map<string, Figures>> = { day: new Map(), connection: new Map(), team: new Map(), agent: new Map() };
  const figuresOf: FiguresOf = (dimension, key) => {
    if (dimension === "total") return total;
    const map = byDimension[dimension as Dimension];
    const id = key ?? UNASSIGNED;
    let figures = map.get(id);
    if (!figures) map.set(id, (figures = emptyFigures()));
    return figures;
  };
  fill(figuresOf, names);
  addRatings(ratings, period, names.teamsOfConnection, total, figuresOf);

  for (const day of period.days) figuresOf("day", day);
  const named = (dimension: Dimension, nameOf: (key: string) => string | undefined): ReportRow[] =>
    [...byDimension[dimension]]
      .flatMap(([key, figures]) => {
        const name = nameOf(key);
        return name === undefined ? [] : [{ key, name, ...figures }];
      })
      .sort((a, b) => (dimension === "day" ? a.key.localeCompare(b.key) : a.name.localeCompare(b.name) || a.key.localeCompare(b.key)));
  return {
    period,
    total,
    rows: {
      day: named("day", (key) => key),
      connection: named("connection", (key) => names.connections.get(key) ?? "(removed connection)"),
      team: named("team", (key) => names.teams.get(key)),
      // A lead sees their teams' agents; conversations assigned to anyone else count in the totals only.
      agent: named("agent", (key) => (key === UNASSIGNED ? "Unassigned" : names.agents.get(key))),
    },
  };
}

/** Exact figures: percentile_cont over the period's conversations, by the two statements above. */
async function exactFigures(organizationId: string, period: ReportPeriod, scope: ReportScope): Promise<Fill> {
  const parameters = [
    organizationId,
    period.from,
    period.until,
    period.timeZone,
    scope.all ? null : [...scope.connectionIds],
    scope.all ? null : [...scope.teamIds],
  ];
  const [opened, resolved] = await Promise.all([figureRows(OPENED, parameters), figureRows(RESOLVED, parameters)]);
  return (figuresOf) => {
    for (const row of opened.rows) {
      const figures = figuresOf(row.dimension, row.key);
      figures.opened = row.count;
      figures.responded = row.measured;
      figures.firstResponse = duration(row.median, row.p90);
    }
    for (const row of resolved.rows) {
      const figures = figuresOf(row.dimension, row.key);
      figures.resolved = row.count;
      figures.resolution = duration(row.median, row.p90);
    }
  };
}

/** A measure's figures from its tally over a period (a row that counted nothing in it is left out). */
function addTally(figures: () => Figures, measure: Measure, tally: Tally) {
  if (tally.count === 0 && tally.measured === 0) return;
  const durations = duration(histogramPercentile(tally.buckets, 0.5), histogramPercentile(tally.buckets, 0.9));
  if (measure === "opened") Object.assign(figures(), { opened: tally.count, responded: tally.measured, firstResponse: durations });
  else Object.assign(figures(), { resolved: tally.count, resolution: durations });
}

const MEASURES: Measure[] = ["opened", "resolved"];

/**
 * Figures from the tallies: for the whole organization, its own tallies by day and those of every connection and
 * agent (and of nobody) over the period, read beside the teams; for a lead, the tallies of the
 * connections in scope by day, and of each (connection, agent) of their teams over the period.
 */
async function tallyFigures(log: FoldLog, period: ReportPeriod, scope: ReportScope, known: Promise<[ConnectionName[], MemberName[]]>, namesRead: Promise<Names>): Promise<Fill> {
  const ends = [period.from, period.until];
  const [connectionList, memberList] = await known;
  const [days, connections, agents, agentIds] = scope.all
    ? await Promise.all([
        readTallies(log, "organization", [""], [...period.days, period.until]),
        readTallies(log, "connection", connectionList.map((connection) => connection.id), ends),
        readTallies(log, "agent", [...memberList.map((member) => member.id), ""], ends),
        null,
      ])
    : await (async () => {
        const inScope = await readTallies(log, "connection", [...scope.connectionIds], [...period.days, period.until]);
        const agentIds = [...(await namesRead).agents.keys(), ""];
        const combinations = scope.connectionIds.flatMap((connectionId) => agentIds.map((agentId) => connectionAgentKey(connectionId, agentId || null)));
        return [inScope, inScope, await readTallies(log, "connection_agent", combinations, ends), agentIds] as const;
      })();
  const between = (snapshot: TallySnapshot, measure: Measure, key: string, from: string, until: string) =>
    tallyBetween(snapshot.at(measure, key, until), snapshot.at(measure, key, from));
  const dayKeys = scope.all ? [""] : [...scope.connectionIds];

  return (figuresOf, names) => {
    const connectionKeys = scope.all ? [...names.connections.keys()] : [...scope.connectionIds];
    for (const measure of MEASURES) {
      addTally(() => figuresOf("total", null), measure, sumTallies(dayKeys.map((key) => between(days, measure, key, period.from, period.until))));
      period.days.forEach((day, i) => {
        const next = period.days[i + 1] ?? period.until;
        addTally(() => figuresOf("day", day), measure, sumTallies(dayKeys.map((key) => between(days, measure, key, day, next))));
      });
      const ofConnection = new Map(connectionKeys.map((key) => [key, between(connections, measure, key, period.from, period.until)]));
      for (const [connectionId, tally] of ofConnection) addTally(() => figuresOf("connection", connectionId), measure, tally);
      const connectionsOfTeam = new Map<string, Tally[]>();
      for (const [connectionId, teamIds] of names.teamsOfConnection)
        for (const teamId of teamIds) connectionsOfTeam.set(teamId, [...(connectionsOfTeam.get(teamId) ?? []), ofConnection.get(connectionId) ?? EMPTY_TALLY]);
      for (const [teamId, tallies] of connectionsOfTeam) addTally(() => figuresOf("team", teamId), measure, sumTallies(tallies));
      if (scope.all) {
        for (const agentId of [...names.agents.keys(), ""]) addTally(() => figuresOf("agent", agentId || null), measure, between(agents, measure, agentId, period.from, period.until));
      } else {
        for (const agentId of agentIds ?? []) {
          const keys = scope.connectionIds.map((connectionId) => connectionAgentKey(connectionId, agentId || null));
          addTally(() => figuresOf("agent", agentId || null), measure, sumTallies(keys.map((key) => between(agents, measure, key, period.from, period.until))));
        }
      }
    }
  };
}

async function ratingsInScope(ctx: MemberContext, period: ReportPeriod, scope: ReportScope): Promise<SatisfactionRating[]> {
  // A day either side: the period's bounds are local days, the ratings' times instants; addRatings keeps the period's.
  const from = new Date(Date.parse(`${period.from}T00:00:00Z`) - 86_400_000);
  const to = new Date(Date.parse(`${period.until}T00:00:00Z`) + 86_400_000);
  const ratings = await listSatisfactionRatings(ctx, { from, to });
  return scope.all ? ratings : ratings.filter((rating) => scope.connectionIds.includes(rating.connectionId));
}

function addRatings(
  ratings: SatisfactionRating[],
  period: ReportPeriod,
  teamsOfConnection: Map<string, string[]>,
  total: Figures,
  figuresOf: (dimension: string, key: string | null) => Figures,
) {
  const sums = new Map<Figures, { sum: number; satisfied: number }>();
  const add = (figures: Figures, rating: number) => {
    const sum = sums.get(figures) ?? { sum: 0, satisfied: 0 };
    sums.set(figures, { sum: sum.sum + rating, satisfied: sum.satisfied + (rating >= 4 ? 1 : 0) });
    figures.csat.count += 1;
  };
  for (const rating of ratings) {
    const day = localDay(rating.answeredAt, period.timeZone);
    if (day < period.from || day >= period.until) continue;
    add(total, rating.rating);
    add(figuresOf("day", day), rating.rating);
    add(figuresOf("connection", rating.connectionId), rating.rating);
    add(figuresOf("agent", rating.assigneeId), rating.rating);
    for (const teamId of teamsOfConnection.get(rating.connectionId) ?? []) add(figuresOf("team", teamId), rating.rating);
  }
  for (const [figures, { sum, satisfied }] of sums) {
    figures.csat.average = sum / figures.csat.count;
    figures.csat.satisfiedShare = satisfied / figures.csat.count;
  }
}

/** Names of connections, the teams in scope (with their connections) and the agents whose rows the member sees. */
async function namesFor(ctx: MemberContext, scope: ReportScope, known: Promise<[ConnectionName[], MemberName[]]>) {
  const [[connections, members], teams] = await Promise.all([known, listTeams(ctx)]);
  const visibleTeams = scope.all ? teams : teams.filter((team) => scope.teamIds.includes(team.id));
  const teamsOfConnection = new Map<string, string[]>();
  for (const team of visibleTeams) for (const connection of team.connections) teamsOfConnection.set(connection.id, [...(teamsOfConnection.get(connection.id) ?? []), team.id]);
  const agentIds = scope.all ? null : new Set(visibleTeams.flatMap((team) => team.members.map((member) => member.userId)));
  return {
    connections: new Map(connections.map((connection) => [connection.id, connection.appName])),
    teams: new Map(visibleTeams.map((team) => [team.id, team.name])),
    teamsOfConnection,
    agents: new Map(members.filter((member) => !agentIds || agentIds.has(member.id)).map((member) => [member.id, member.name])),
  };
}

/** The report for a period as the page and the export ask for it: in the organization's time zone. */
export async function reportFor(ctx: MemberContext, input: ReportPeriodInput, now: Date = new Date()): Promise<Report> {
  const { timeZone } = await organizationSettings(ctx);
  return reportFigures(ctx, reportPeriod(input, timeZone, now));
}
