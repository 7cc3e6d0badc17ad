// The inbox's search: end-user names and emails, and message text, as case-insensitive substrings. Both go through
// trigram GIN indexes (prisma/migrations/*_inbox_and_outbox): the user expression below must stay identical to the
// indexed one. Trigrams need three characters, so a shorter query looks at names and emails only.

/** The indexed expression: everything a person may be found by. */
export const USER_SEARCH_EXPRESSION = `(COALESCE(u2."givenName", '') || ' ' || COALESCE(u2."surname", '') || ' ' || COALESCE(u2."displayName", '') || ' ' || COALESCE(u2."email", ''))`;

export const MIN_MESSAGE_SEARCH_LENGTH = 3;

/** A LIKE pattern matching `query` anywhere, with LIKE's own wildcards taken literally. */
export function containsPattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The condition on conversation `c` (with `$org` and `$pattern` the placeholders of the organization and the
 * pattern): its end user's name or email matches, or, for queries long enough, one of its messages does.
 */
export function searchCondition(query: string, org: string, pattern: string): string {
  const byUser = `c."endUserId" IN (SELECT u2."id" FROM "SuncoUser" u2
                    WHERE u2."organizationId" = ${org} AND ${USER_SEARCH_EXPRESSION} ILIKE ${pattern})`;
  if (query.length < MIN_MESSAGE_SEARCH_LENGTH) return `(${byUser})`;
  const byMessage = `c."id" IN (SELECT m."conversationId" FROM "Message" m
                      WHERE m."organizationId" = ${org} AND m."text" ILIKE ${pattern})`;
  return `(${byUser} OR ${byMessage})`;
}
