// The inbox list (and the partner API's): a page of the conversations the member or API key sees (their organization's, of their teams' connections),
// newest activity first, narrowed by the tab (status, mine / unassigned / all, unread), a connection, labels (by id,
// or label:name in a search; a GIN index finds a rare label's conversations, the tab's index walks to a common one's)
// and a search. Keyset pagination only: every page is one index range scan however deep it is (a team member's, one
// per connection of their teams, merged), and rows arriving meanwhile never shift the pages after the first. Ties in
// time go by id ascending, the order the indexes keep ("lastActivityAt" DESC, "id"), so that no page needs a sort.
import { createHash } from "node:crypto";
import type { ActorContext, MemberContext } from "@/lib/auth/actor";
import { CONVERSATION_SUMMARY_ROW, conversationSummaryColumns, type AsJson, type ConversationSummaryRow } from "@/lib/conversations";
import { pickColumns, sql, statement, withText, type ColumnsOf } from "@/lib/db";
import { UUID } from "./conversation-access";
import { decodeCursor, encodeCursor } from "@/lib/db/keyset-cursor";
import { connectionScope, SCOPED, scopeParameter, type ConnectionScope } from "@/lib/teams";
import { endUserName } from "./names";
import type { ConversationStatus, InboxFilter } from "./schemas";
import { labelNamed } from "./labels";
import { endUsersMatching, labelTerms, searchConditions } from "./search";

export const INBOX_PAGE_SIZE = 50;

/** What the list shows of each conversation's own columns. */
const LISTED = [
  "id",
  "connectionId",
  "status",
  "assigneeId",
  "unreadCount",
  "lastMessagePreview",
  "lastMessageAuthorType",
  "lastMessageAuthorName",
  "lastMessageAuthorMemberId",
  "lastActivityAt",
  "channelType",
  "labelIds",
  "snoozedUntil",
] as const satisfies readonly (keyof ConversationSummaryRow)[];

export interface ConversationSummary extends Pick<AsJson<ConversationSummaryRow>, (typeof LISTED)[number]> {
  connectionName: string;
  connectionState: string;
  endUserName: string;
  endUserEmail: string | null;
  endUserAvatarUrl: string | null;
  assigneeName: string | null;
}

export interface InboxPage {
  items: ConversationSummary[];
  /** Pass as `after` for the next page; null on the last one. */
  next: string | null;
}

interface Row extends Omit<ConversationSummary, "endUserName" | "lastActivityAt" | "snoozedUntil"> {
  lastActivityAt: Date;
  snoozedUntil: Date | null;
  givenName: string | null;
  surname: string | null;
  displayName: string | null;
  suncoUserId: string | null;
}

/** The list's select over `conversations`: the table, or rows of it, aliased c. */
const selectSummaries = (conversations = `"Conversation" c`) => `
  SELECT ${conversationSummaryColumns(LISTED)},
         COALESCE(n."displayName", n."appName") AS "connectionName", n."state"::text AS "connectionState", a."name" AS "assigneeName",
         u."givenName", u."surname", u."displayName", u."email" AS "endUserEmail", u."avatarUrl" AS "endUserAvatarUrl",
         u."suncoUserId"
    FROM ${conversations}
    JOIN "Connection" n ON n."id" = c."connectionId"
    LEFT JOIN "SuncoUser" u ON u."id" = c."endUserId"
    LEFT JOIN "User" a ON a."id" = c."assigneeId"`;
const SELECT_SUMMARIES = selectSummaries();

const ROW: ColumnsOf<Row> = {
  ...pickColumns(CONVERSATION_SUMMARY_ROW, LISTED),
  connectionName: "string",
  connectionState: "string",
  assigneeName: "string?",
  givenName: "string?",
  surname: "string?",
  displayName: "string?",
  endUserEmail: "string?",
  endUserAvatarUrl: "string?",
  suncoUserId: "string?",
};

/** One conversation the member sees, as the list shows it. The list's pages use the same select. */
const ONE_SUMMARY = statement<Row>(
  `${SELECT_SUMMARIES} WHERE c."id" = $1 AND c."organizationId" = $2 AND c."removedAt" IS NULL AND ${SCOPED(`c."connectionId"`, "$3")}`,
  ROW,
);

function summaryOf({ givenName, surname, displayName, suncoUserId, lastActivityAt, snoozedUntil, ...row }: Row): ConversationSummary {
  return {
    ...row,
    snoozedUntil: snoozedUntil?.toISOString() ?? null,
    endUserName: endUserName({ givenName, surname, displayName, email: row.endUserEmail, suncoUserId }),
    lastActivityAt: lastActivityAt.toISOString(),
  };
}

/** Builds the WHERE clause with numbered placeholders, in the order the values are pushed. */
class Conditions {
  readonly values: unknown[] = [];
  readonly clauses: string[] = [];

  param(value: unknown) {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  add(clause: string) {
    this.clauses.push(clause);
  }
}

/** What a page of conversations is narrowed by: the inbox's tabs, and the partner API's filters. */
export interface ConversationQuery {
  status?: ConversationStatus;
  /** A member's id, or null: unassigned. */
  assigneeId?: string | null;
  unread?: boolean;
  connectionId?: string;
  /** A label's id. */
  labelId?: string;
  /** Only conversations that changed at or after this time (status, assignee, labels, snooze, a message or activity). */
  updatedSince?: Date;
  q?: string;
  after?: string;
}

export function listConversations(ctx: MemberContext, filter: InboxFilter, limit = INBOX_PAGE_SIZE): Promise<InboxPage> {
  const assigneeId = filter.assignee === "mine" ? ctx.actor.id : filter.assignee === "unassigned" ? null : undefined;
  return queryConversations(
    ctx,
    { status: filter.status, assigneeId, unread: filter.unread, connectionId: filter.connection, labelId: filter.label, q: filter.q, after: filter.after },
    limit,
  );
}

export async function queryConversations(ctx: ActorContext, filter: ConversationQuery, limit = INBOX_PAGE_SIZE): Promise<InboxPage> {
  const scope = await connectionScope(ctx);
  if (!scope.all && scope.connectionIds.length === 0) return { items: [], next: null };
  // One connection asked for: it is the whole scope, or outside it.
  if (!scope.all && filter.connectionId && !scope.connectionIds.includes(filter.connectionId)) return { items: [], next: null };
  const where = new Conditions();
  const org = where.param(ctx.organization.id);
  where.add(`c."organizationId" = ${org}`);
  // Every connection: no condition at all, so that the plan is the one it was before teams. One connection of the
  // scope: its own condition says it all. A team's connections: their pages merged, or a condition on the walk.
  const merged = mergedConnections(scope, filter);
  if (!scope.all && !filter.connectionId && !merged) where.add(`c."connectionId" = ANY(${where.param(scopeParameter(scope))}::text[])`);
  where.add(`c."removedAt" IS NULL`);
  if (filter.status) where.add(`c."status" = ${where.param(filter.status)}::"ConversationStatus"`);
  if (filter.assigneeId) where.add(`c."assigneeId" = ${where.param(filter.assigneeId)}`);
  if (filter.assigneeId === null) where.add(`c."assigneeId" IS NULL`);
  if (filter.unread) where.add(`c."unreadCount" > 0`);
  if (filter.connectionId) where.add(`c."connectionId" = ${where.param(filter.connectionId)}`);
  if (filter.updatedSince) where.add(`c."changedAt" >= ${where.param(filter.updatedSince)}`);
  const { labels, text: query } = filter.q ? labelTerms(filter.q) : { labels: [], text: "" };
  const labelIds = [...(filter.labelId ? [filter.labelId] : []), ...(await labelIdsNamed(ctx.organization.id, labels))];
  // A label that is not one of the organization's (an unknown name, an id of another) matches nothing.
  if (labelIds.some((id) => id === null || !UUID.test(id))) return { items: [], next: null };
  if (labelIds.length > 0) where.add(`c."labelIds" @> ${where.param(labelIds)}::uuid[]`);
  if (filter.after) {
    const after = decodeCursor(filter.after, UUID);
    const at = where.param(after.at);
    where.add(`c."lastActivityAt" <= ${at} AND (c."lastActivityAt" < ${at} OR c."id" > ${where.param(after.id)}::uuid)`);
  }
  const search = query
    ? searchConditions(query, await endUsersMatching(ctx.organization.id, query), org, (value) => where.param(value))
    : [];
  const take = where.param(limit + 1);
  const tab = where.clauses.join(" AND ");
  const text = merged
    ? `${selectSummaries(`(${merged.map((connectionId) => `(${connectionPage(tab, where.param(connectionId), take)})`).join(" UNION ALL ")}) c`)}
       ORDER BY c."lastActivityAt" DESC, c."id" LIMIT ${take}`
    : search.length === 0
      ? `${SELECT_SUMMARIES} WHERE ${tab} ORDER BY c."lastActivityAt" DESC, c."id" LIMIT ${take}`
      : `WITH "matches" AS (${search.map((condition) => `(${matchesPage(tab, condition, take)})`).join(" UNION ")})
         ${SELECT_SUMMARIES} WHERE c."id" IN (SELECT "id" FROM "matches") ORDER BY c."lastActivityAt" DESC, c."id" LIMIT ${take}`;
  // A team member's page is planned once per pooled connection: planning a merge of ten connections' pages takes
  // longer than running it, and its texts are few (one per tab, and per scope size when merged). Not a label's or a
  // search's: their plans depend on how rare the label or the words are.
  const prepared = !scope.all && labelIds.length === 0 && search.length === 0;
  const { rows } = await sql().query(withText(ONE_SUMMARY, text), where.values, prepared ? { prepare: statementName(text) } : undefined);
  const items = rows.slice(0, limit).map(summaryOf);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? encodeCursor(last.lastActivityAt, last.id) : null };
}

/** A statement's name for its text (PostgreSQL keeps a prepared statement per name and connection). */
const statementName = (text: string) => `inbox-scoped-${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;

/**
 * At most this many connections are merged one by one: each adds a branch to plan (about 0.1 ms, for the first few
 * runs on each pooled connection) and to keep prepared; a wider scope walks the tab's index instead.
 */
const MAX_MERGED_CONNECTIONS = 32;

/**
 * The connections whose pages a scoped page merges, or null to walk the tab's index for the scope's connections.
 * Walking the organization's index, a team serving a tenth of it reads ten rows for each it shows, and more as rarer
 * tabs (unassigned, unread) thin out; a page of each connection from its own index ("connectionId", "status",
 * "lastActivityAt" DESC, "id"), merged in order, reads about the rows it shows. Only with a status (the index's order
 * needs one; the inbox's tabs always have one, the partner API may not). Not for a member's own conversations,
 * which their own index finds among fewer rows than any connection holds, nor for labels or searches, which have
 * indexes of their own.
 */
function mergedConnections(scope: ConnectionScope, filter: ConversationQuery): readonly string[] | null {
  if (scope.all || !filter.status || filter.connectionId || filter.assigneeId || filter.labelId || filter.q) return null;
  if (scope.connectionIds.length > MAX_MERGED_CONNECTIONS) return null;
  return scope.connectionIds;
}

/** The page of one connection's conversations in the tab: one range of its own index, in the list's order. */
function connectionPage(tab: string, connectionId: string, take: string) {
  return `SELECT c.* FROM "Conversation" c WHERE c."connectionId" = ${connectionId} AND ${tab} ORDER BY c."lastActivityAt" DESC, c."id" LIMIT ${take}`;
}

/**
 * The page of the tab's conversations that meet one search condition. The page of a search is the page of the union
 * of these (the same order, the same cursor): each is one index-driven query, planned for its own condition.
 */
function matchesPage(tab: string, condition: string, take: string) {
  return `SELECT c."id" FROM "Conversation" c WHERE ${tab} AND ${condition} ORDER BY c."lastActivityAt" DESC, c."id" LIMIT ${take}`;
}

/** The ids of the organization's labels with these names; null for a name that is none. */
function labelIdsNamed(organizationId: string, names: string[]): Promise<(string | null)[]> {
  return Promise.all(names.map(async (name) => (await labelNamed(organizationId, name))?.id ?? null));
}

/** One conversation as the list shows it (a live update about a conversation the page has not loaded). */
export async function conversationSummary(ctx: ActorContext, conversationId: string): Promise<ConversationSummary | null> {
  if (!UUID.test(conversationId)) return null;
  const { rows } = await sql().query(ONE_SUMMARY, [conversationId, ctx.organization.id, scopeParameter(await connectionScope(ctx))]);
  return rows[0] ? summaryOf(rows[0]) : null;
}
