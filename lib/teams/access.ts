// Which connections' conversations a member sees: the one rule, which every query that reads or changes a
// conversation applies (lib/inbox, through connectionScope and SCOPED), live streams apply to each event (lib/live,
// through scopeAllows), and reports apply to their figures.
//
// - Owners and admins see every connection (so do organization API keys: they act for the organization).
// - While an organization has no team, every member sees every connection, as before teams existed.
// - Once it has a team, an agent sees the connections their teams serve and nothing else: an agent in no team sees no
//   conversation until an admin adds them to one. Taking an agent out of a team, or a connection out of a team, takes
//   effect at their next request (the scope is read per request, never cached) and on their open live streams within
//   seconds (./scope-watch.ts).
import { roleAtLeast } from "@/lib/auth/require-member";
import { sql, statement, type SqlExecutor } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";

/** Every connection of the organization, or exactly these. */
export type ConnectionScope = { readonly all: true } | { readonly all: false; readonly connectionIds: readonly string[] };

export const EVERY_CONNECTION: ConnectionScope = Object.freeze({ all: true });
export const NO_CONNECTION: ConnectionScope = Object.freeze({ all: false, connectionIds: Object.freeze([]) });

/** A member who asks, as far as the rule cares (a MemberContext is one). */
export interface MemberAccess {
  organization: { id: string };
  actor: { id: string };
  role: Role;
}

/** Who asks: a member, or an organization's API key (an ApiKeyContext), which sees every connection. */
export type AccessContext = MemberAccess | { organization: { id: string }; actor: { kind: "api_key"; id: string } };

/** What the rule decides by, for one member. */
export interface AccessFacts {
  role: Role;
  organizationHasTeams: boolean;
  /** The connections the member's teams serve. */
  teamConnectionIds: readonly string[];
}

/** Owners and admins see everything whatever the teams. */
const seesEverything = (role: Role) => roleAtLeast(role, "admin");

/** Owners, admins and the organization's API keys see every connection, whatever the teams. */
const contextSeesEverything = (ctx: AccessContext) => !("role" in ctx) || seesEverything(ctx.role);

/** The rule itself. */
export function scopeFor(facts: AccessFacts): ConnectionScope {
  if (seesEverything(facts.role) || !facts.organizationHasTeams) return EVERY_CONNECTION;
  return { all: false, connectionIds: [...facts.teamConnectionIds].sort() };
}

export function scopeAllows(scope: ConnectionScope, connectionId: string): boolean {
  return scope.all || scope.connectionIds.includes(connectionId);
}

export function sameScope(a: ConnectionScope, b: ConnectionScope): boolean {
  if (a.all || b.all) return a.all === b.all;
  return a.connectionIds.length === b.connectionIds.length && a.connectionIds.every((id, i) => id === b.connectionIds[i]);
}

/**
 * The scope as one query parameter: null for every connection, else the ids. Pair it with SCOPED in the statement.
 */
export function scopeParameter(scope: ConnectionScope): string[] | null {
  return scope.all ? null : [...scope.connectionIds];
}

/** The SQL condition "`column` is in the scope passed as `parameter`" (a placeholder given scopeParameter's value). */
export function SCOPED(column: string, parameter: string): string {
  return `(${parameter}::text[] IS NULL OR ${column} = ANY(${parameter}::text[]))`;
}

interface FactsRow {
  userId: string;
  role: string;
  organizationHasTeams: boolean;
  teamConnectionIds: string[];
}

// Team tables are Prisma's (people manage them), read here as raw SQL: the inbox asks inside its own transactions,
// where Prisma must not run, and the live streams' watcher asks for every open stream at once.
const MEMBER_FACTS = statement<FactsRow>(
  `SELECT m."userId", m."role"::text AS "role",
          EXISTS (SELECT 1 FROM "Team" t WHERE t."organizationId" = m."organizationId") AS "organizationHasTeams",
          ARRAY(SELECT DISTINCT tc."connectionId"
                  FROM "TeamMember" tm JOIN "TeamConnection" tc ON tc."teamId" = tm."teamId"
                 WHERE tm."organizationId" = m."organizationId" AND tm."userId" = m."userId") AS "teamConnectionIds"
     FROM "Membership" m
    WHERE m."organizationId" = $1 AND ($2::text[] IS NULL OR m."userId" = ANY($2::text[]))`,
  { userId: "string", role: "string", organizationHasTeams: "boolean", teamConnectionIds: "string[]" },
);

/**
 * The scope of each of `userIds` in the organization (every member when null), from the database's roles. A user who
 * is not a member is absent: they see nothing.
 */
export async function scopesOf(organizationId: string, userIds: readonly string[] | null, executor: SqlExecutor = sql()): Promise<Map<string, ConnectionScope>> {
  const { rows } = await executor.query(MEMBER_FACTS, [organizationId, userIds ? [...userIds] : null]);
  return new Map(rows.map((row) => [row.userId, scopeFor({ ...row, role: row.role as Role })]));
}

/**
 * What the acting member sees. Read per call, so that a change to teams applies to the next request. Pass the
 * transaction's executor when asking inside one.
 */
export async function connectionScope(ctx: AccessContext, executor: SqlExecutor = sql()): Promise<ConnectionScope> {
  // The role the request was authorized with: an owner's, admin's or API key's scope needs no query.
  if (contextSeesEverything(ctx)) return EVERY_CONNECTION;
  return (await scopesOf(ctx.organization.id, [ctx.actor.id], executor)).get(ctx.actor.id) ?? NO_CONNECTION;
}

/** Of `items` (connections, or anything about one), those the acting member sees. */
export async function onlyVisible<T extends { id: string }>(ctx: AccessContext, items: readonly T[]): Promise<T[]> {
  const scope = await connectionScope(ctx);
  return items.filter((item) => scopeAllows(scope, item.id));
}

/** Whether `userId` (a member of the organization) sees the connection: who a conversation may be assigned to. */
export async function memberSees(organizationId: string, userId: string, connectionId: string, executor: SqlExecutor = sql()): Promise<boolean> {
  const scope = (await scopesOf(organizationId, [userId], executor)).get(userId);
  return scope !== undefined && scopeAllows(scope, connectionId);
}

/** The organization's members who see the connection (ids). */
export async function membersSeeing(organizationId: string, connectionId: string, executor: SqlExecutor = sql()): Promise<string[]> {
  const scopes = await scopesOf(organizationId, null, executor);
  return [...scopes].filter(([, scope]) => scopeAllows(scope, connectionId)).map(([userId]) => userId);
}

/** Which teams' reports a member sees: every team's for owners and admins, the teams they lead otherwise. */
export type ReportScope = { readonly all: true } | { readonly all: false; readonly teamIds: readonly string[]; readonly connectionIds: readonly string[] };

const LED_TEAMS = statement<{ teamIds: string[]; connectionIds: string[] }>(
  `SELECT ARRAY(SELECT tm."teamId" FROM "TeamMember" tm
                 WHERE tm."organizationId" = $1 AND tm."userId" = $2 AND tm."lead" ORDER BY 1) AS "teamIds",
          ARRAY(SELECT DISTINCT tc."connectionId"
                  FROM "TeamMember" tm JOIN "TeamConnection" tc ON tc."teamId" = tm."teamId"
                 WHERE tm."organizationId" = $1 AND tm."userId" = $2 AND tm."lead") AS "connectionIds"`,
  { teamIds: "string[]", connectionIds: "string[]" },
);

/** The teams whose reports the member sees; `teamIds` empty means none (an agent who leads no team). */
export async function reportScope(ctx: AccessContext, executor: SqlExecutor = sql()): Promise<ReportScope> {
  if (contextSeesEverything(ctx)) return { all: true };
  const { rows } = await executor.query(LED_TEAMS, [ctx.organization.id, ctx.actor.id]);
  const { teamIds, connectionIds } = rows[0]!;
  return { all: false, teamIds, connectionIds: [...connectionIds].sort() };
}
