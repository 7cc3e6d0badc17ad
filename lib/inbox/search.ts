// The inbox's search: end-user names and emails, and message text, as case-insensitive substrings. Both go through
// trigram GIN indexes (prisma/migrations/*_inbox_and_outbox): the user expression below must stay identical to the
// indexed one. Trigrams need three characters, so a shorter query looks at names and emails only.
import { sql, statement } from "@/lib/db";

/** The indexed expression: everything a person may be found by. */
export const USER_SEARCH_EXPRESSION = `(COALESCE(u2."givenName", '') || ' ' || COALESCE(u2."surname", '') || ' ' || COALESCE(u2."displayName", '') || ' ' || COALESCE(u2."email", ''))`;

export const MIN_MESSAGE_SEARCH_LENGTH = 3;

/** A LIKE pattern matching `query` anywhere, with LIKE's own wildcards taken literally. */
export function containsPattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Up to this many matching end users are looked up one by one; more, and walking the tab finds a page sooner. */
export const MAX_LISTED_END_USERS = 1000;

const END_USERS_MATCHING = statement<{ id: string }>(
  `SELECT u2."id" FROM "SuncoUser" u2 WHERE u2."organizationId" = $1 AND ${USER_SEARCH_EXPRESSION} ILIKE $2 LIMIT $3`,
  { id: "string" },
);

/**
 * The organization's end users whose name or email contains `query`, when there are at most MAX_LISTED_END_USERS of
 * them; null when there are more. The planner cannot tell from a pattern how many people it matches (its guess was
 * off by enough to walk 40,000 conversations for 250 people); a list of ids it can count.
 */
export async function endUsersMatching(organizationId: string, query: string): Promise<string[] | null> {
  const { rows } = await sql().query(END_USERS_MATCHING, [organizationId, containsPattern(query), MAX_LISTED_END_USERS + 1]);
  return rows.length > MAX_LISTED_END_USERS ? null : rows.map((row) => row.id);
}

/**
 * The search for `query` as conditions on conversation `c`, one for each way a conversation may match: its end user
 * (one of `endUsers` when they were listed, else by name or email), or, for queries long enough, one of its messages.
 * A conversation matches when any of them holds. They are kept apart rather than joined by OR, which makes PostgreSQL
 * compute both subqueries in full (every message that contains a common word) before reading the first conversation;
 * alone, each lets the planner pick by the term: walk the tab and probe each conversation when matches are dense, or
 * collect the few matches through an index when rare. `org` is the organization's placeholder; `param` adds a value.
 */
export function searchConditions(query: string, endUsers: string[] | null, org: string, param: (value: unknown) => string): string[] {
  let placeholder: string | undefined;
  // Added once, and only if used: a placeholder no clause refers to has no type PostgreSQL can infer.
  const pattern = () => (placeholder ??= param(containsPattern(query)));
  const byUser = endUsers
    ? `c."endUserId" = ANY(${param(endUsers)}::uuid[])`
    : `c."endUserId" IN (SELECT u2."id" FROM "SuncoUser" u2
                          WHERE u2."organizationId" = ${org} AND ${USER_SEARCH_EXPRESSION} ILIKE ${pattern()})`;
  if (query.length < MIN_MESSAGE_SEARCH_LENGTH) return [byUser];
  const byMessage = `c."id" IN (SELECT m."conversationId" FROM "Message" m
                      WHERE m."organizationId" = ${org} AND m."text" ILIKE ${pattern()})`;
  return [byUser, byMessage];
}

/** `label:name` or `label:"two words"` in a search narrows it to conversations with that label. */
const LABEL_TERM = /(?:^|\s)label:(?:"([^"]+)"|(\S+))/gi;

/** The label names a search asks for, and the rest of its text (trimmed; empty when it was only labels). */
export function labelTerms(query: string): { labels: string[]; text: string } {
  const labels = [...query.matchAll(LABEL_TERM)].map((match) => (match[1] ?? match[2])!.trim());
  return { labels, text: query.replace(LABEL_TERM, " ").replace(/\s+/g, " ").trim() };
}
