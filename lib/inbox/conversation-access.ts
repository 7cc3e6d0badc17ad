// The one way inbox and outbox code reaches a conversation: by id, within the member's organization and the
// connections their teams let them see (lib/teams; another organization's or team's conversation, or something that
// is not an id at all, is simply not found), with its connection's name and state (its credentials stay in
// lib/connections).
import type { ActorContext } from "@/lib/auth/actor";
import { sql, statement, withText, type SqlExecutor } from "@/lib/db";
import type { ConnectionAuthType, ConnectionState, ConversationStatus } from "@/lib/db/generated/enums";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { connectionScope, SCOPED, scopeParameter } from "@/lib/teams";

/** What the inbox shows and decides by; a SunCo client for it comes from lib/connections by its id. */
export interface ConversationConnection {
  id: string;
  organizationId: string;
  appId: string;
  appName: string;
  state: ConnectionState;
  stateReason: string | null;
  authType: ConnectionAuthType;
  integrationId: string | null;
}

export interface ConversationRef {
  id: string;
  organizationId: string;
  suncoConversationId: string;
  type: string;
  status: ConversationStatus;
  assigneeId: string | null;
  endUserId: string | null;
  /** { id, name, integrationId, integrationType } of the switchboard integration in control, and of the one offered it. */
  activeSwitchboardIntegration: unknown;
  pendingSwitchboardIntegration: unknown;
  removedAt: Date | null;
  connection: ConversationConnection;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const notFound = () => new NotFoundError("There is no such conversation in this organization.");

const SELECT_CONVERSATION = statement<ConversationRef>(
  `SELECT c."id", c."organizationId", c."suncoConversationId", c."type", c."status", c."assigneeId", c."endUserId",
          c."activeSwitchboardIntegration", c."pendingSwitchboardIntegration", c."removedAt",
          json_build_object('id', n."id", 'organizationId', n."organizationId", 'appId', n."appId",
            'appName', n."appName", 'authType', n."authType", 'state', n."state", 'stateReason', n."stateReason",
            'integrationId', n."integrationId") AS "connection"
     FROM "Conversation" c JOIN "Connection" n ON n."id" = c."connectionId"
    WHERE c."id" = ANY($1::uuid[]) AND ($2::text IS NULL OR c."organizationId" = $2) AND ${SCOPED(`c."connectionId"`, "$3")}
    ORDER BY c."id"`,
  {
    id: "string",
    organizationId: "string",
    suncoConversationId: "string",
    type: "string",
    status: "string",
    assigneeId: "string?",
    endUserId: "string?",
    activeSwitchboardIntegration: "json?",
    pendingSwitchboardIntegration: "json?",
    removedAt: "Date?",
    connection: "json",
  },
);

/** The conversations of `ids` there are (of the organization, unless null), in id order: the order rows are locked in. */
async function selectConversations(
  executor: SqlExecutor,
  ids: string[],
  organizationId: string | null,
  visibleConnectionIds: string[] | null,
  forUpdate: boolean,
): Promise<ConversationRef[]> {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return [];
  const { rows } = await executor.query(forUpdate ? withText(SELECT_CONVERSATION, `${SELECT_CONVERSATION.text} FOR UPDATE OF c`) : SELECT_CONVERSATION, [
    valid,
    organizationId,
    visibleConnectionIds,
  ]);
  return rows;
}

/**
 * The conversation, if it belongs to the member's organization and to a connection they see. `forUpdate` locks its row for the caller's
 * transaction, so that a change and what it was checked against are one.
 */
export async function findConversation(
  ctx: ActorContext,
  conversationId: string,
  options: { executor?: SqlExecutor; forUpdate?: boolean } = {},
): Promise<ConversationRef> {
  const [conversation] = await findConversations(ctx, [conversationId], options);
  return conversation!;
}

/**
 * Every conversation of `conversationIds`, if each belongs to the member's organization and is visible to them (their
 * teams' connections); one that is not makes the whole selection not found, so a change to a selection is made to all
 * of it or to none. `forUpdate` locks the rows (in id order, so that two changes to overlapping selections cannot
 * deadlock).
 */
export async function findConversations(
  ctx: ActorContext,
  conversationIds: string[],
  options: { executor?: SqlExecutor; forUpdate?: boolean } = {},
): Promise<ConversationRef[]> {
  const executor = options.executor ?? sql();
  const ids = [...new Set(conversationIds)];
  const scope = scopeParameter(await connectionScope(ctx, executor));
  const conversations = await selectConversations(executor, ids, ctx.organization.id, scope, options.forUpdate ?? false);
  if (conversations.length !== ids.length) throw notFound();
  return conversations;
}

/**
 * For background jobs, which act for no member: the conversation whatever its organization, or null. `forUpdate` locks
 * its row first, as a change that writes the conversation must (see sendMessage).
 */
export async function conversationForJob(conversationId: string, executor: SqlExecutor = sql(), forUpdate = false): Promise<ConversationRef | null> {
  const [conversation] = await selectConversations(executor, [conversationId], null, null, forUpdate);
  return conversation ?? null;
}

const STATE_REASONS: Record<Exclude<ConnectionState, "active">, string> = {
  revoked: "This conversation's connection was disconnected: its history stays readable, but nothing can be sent.",
  needs_reauth: "This conversation's connection needs to be connected again before anything can be sent.",
  error: "This conversation's connection is not working; an admin can check it on the Connections page.",
};

/** Why nothing can be sent to the conversation or done in SunCo with it; null when everything can. */
export function readOnlyReason(conversation: Pick<ConversationRef, "removedAt" | "connection">): string | null {
  if (conversation.removedAt) return "This conversation was deleted in SunCo.";
  const { state } = conversation.connection;
  return state === "active" ? null : STATE_REASONS[state];
}

/**
 * The conversation, if things can be sent to it (SunCo's side of it is writable); ConflictError says why not.
 * `forUpdate` locks its row for the caller's transaction.
 */
export async function writableConversation(ctx: ActorContext, conversationId: string, executor?: SqlExecutor, forUpdate = false) {
  const conversation = await findConversation(ctx, conversationId, { executor, forUpdate });
  const reason = readOnlyReason(conversation);
  if (reason) throw new ConflictError(reason);
  return conversation;
}
