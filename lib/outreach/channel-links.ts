// Channel links Sunbridge asked SunCo for (Create Client) and the first message each holds: stored pending before SunCo
// is asked, settled by the client:update (linked) or client:remove (failed) webhook that follows. This is the small
// handler the webhook worker calls beside the read model, in its transaction: a linked channel's first message goes to
// the outbox then, a failed one sends nothing.
import type { ActorContext } from "@/lib/auth/actor";
import { conversationUpdates, type StoredEvent } from "@/lib/conversations";
import { sql, statement, type SqlExecutor } from "@/lib/db";
import { findConversation } from "@/lib/inbox";
import type { LiveEventInput } from "@/lib/live";
import { writeOutgoing } from "@/lib/outbox";
import type { MessagePostBody } from "@/lib/sunco/schemas";

export type ChannelLinkState = "pending" | "linked" | "failed";

export interface ChannelLinkView {
  id: string;
  conversationId: string;
  channelType: string;
  target: string;
  state: ChannelLinkState;
  failureReason: string | null;
  createdAt: Date;
  settledAt: Date | null;
}

/** What a link holds until the channel answers. */
export interface HeldMessage {
  body: MessagePostBody;
  sentBy: "agent" | "api";
}

const VIEW_COLUMNS = `"id", "conversationId", "channelType", "target", "state"::text AS "state", "failureReason", "createdAt", "settledAt"`;
const VIEW_ROW = {
  id: "string",
  conversationId: "string",
  channelType: "string",
  target: "string",
  state: "string",
  failureReason: "string?",
  createdAt: "Date",
  settledAt: "Date?",
} as const;

const INSERT_LINK = statement<ChannelLinkView>(
  `INSERT INTO "ChannelLink" ("organizationId", "connectionId", "conversationId", "suncoUserId", "channelType", "integrationId",
     "target", "firstMessage", "outboxId", "createdById")
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${VIEW_COLUMNS}`,
  VIEW_ROW,
);

export interface NewChannelLink {
  organizationId: string;
  connectionId: string;
  conversationId: string;
  suncoUserId: string;
  channelType: string;
  integrationId: string;
  target: string;
  held: HeldMessage;
  outboxId: string;
  createdById: string | null;
}

export async function insertChannelLink(tx: SqlExecutor, link: NewChannelLink): Promise<ChannelLinkView> {
  const { rows } = await tx.query(INSERT_LINK, [
    link.organizationId,
    link.connectionId,
    link.conversationId,
    link.suncoUserId,
    link.channelType,
    link.integrationId,
    link.target,
    JSON.stringify(link.held),
    link.outboxId,
    link.createdById,
  ]);
  return rows[0]!;
}

const LINK_OF_MESSAGE = statement<ChannelLinkView>(
  `SELECT ${VIEW_COLUMNS} FROM "ChannelLink" WHERE "organizationId" = $1 AND "outboxId" = $2::uuid`,
  VIEW_ROW,
);

/** The link a first message with this outbox id already waits on (the same start sent twice), if any. */
export async function linkHoldingMessage(tx: SqlExecutor, organizationId: string, outboxId: string): Promise<ChannelLinkView | null> {
  const { rows } = await tx.query(LINK_OF_MESSAGE, [organizationId, outboxId]);
  return rows[0] ?? null;
}

const NOTE_CLIENT = statement<ChannelLinkView>(
  `UPDATE "ChannelLink" SET "suncoClientId" = COALESCE("suncoClientId", $2) WHERE "id" = $1 RETURNING ${VIEW_COLUMNS}`,
  VIEW_ROW,
);

/** SunCo answered Create Client; its webhooks may already have settled the link. */
export async function noteLinkClient(linkId: string, suncoClientId: string): Promise<ChannelLinkView> {
  const { rows } = await sql().query(NOTE_CLIENT, [linkId, suncoClientId]);
  return rows[0]!;
}

const FAIL_LINK = statement<ChannelLinkView>(
  `UPDATE "ChannelLink" SET "state" = 'failed', "failureReason" = $2, "settledAt" = now() WHERE "id" = $1 AND "state" = 'pending'
   RETURNING ${VIEW_COLUMNS}`,
  VIEW_ROW,
);

/** SunCo refused Create Client: nothing will be sent. */
export async function failLinkNow(linkId: string, reason: string): Promise<ChannelLinkView | null> {
  const { rows } = await sql().query(FAIL_LINK, [linkId, reason]);
  return rows[0] ?? null;
}

/** How long a link may wait for its channel: a user may take a while to confirm, but not forever. */
export const CHANNEL_LINK_TIMEOUT_HOURS = 24;

const EXPIRE_LINKS = statement<{ id: string }>(
  `UPDATE "ChannelLink" SET "state" = 'failed', "settledAt" = now(),
          "failureReason" = 'The channel did not confirm the link within ${CHANNEL_LINK_TIMEOUT_HOURS} hours, so nothing was sent. Start the conversation again to retry.'
    WHERE "state" = 'pending' AND "createdAt" < $1::timestamptz - interval '${CHANNEL_LINK_TIMEOUT_HOURS} hours'
   RETURNING "id"`,
  { id: "string" },
);

/**
 * Housekeeping: a link SunCo never answered (its webhook lost, the user never confirming) fails, so that its thread
 * stops saying "pending" and its first message is never sent days late. Resolves to how many failed.
 */
export async function expireUnansweredChannelLinks(now: Date): Promise<number> {
  const { rows } = await sql().query(EXPIRE_LINKS, [now.toISOString()]);
  return rows.length;
}

interface SettledRow {
  id: string;
  organizationId: string;
  conversationId: string;
  firstMessage: HeldMessage;
  outboxId: string;
  createdById: string | null;
}

/** The pending link of this user on this integration (and client, once known) settles once. */
const SETTLE = statement<SettledRow>(
  `UPDATE "ChannelLink" SET "state" = $5::"ChannelLinkState", "suncoClientId" = COALESCE("suncoClientId", $4),
          "failureReason" = $6, "settledAt" = now()
    WHERE "connectionId" = $1 AND "suncoUserId" = $2 AND "integrationId" = $3 AND "state" = 'pending'
      AND ("suncoClientId" IS NULL OR "suncoClientId" = $4)
   RETURNING "id", "organizationId", "conversationId", "firstMessage", "outboxId"::text AS "outboxId", "createdById"`,
  { id: "string", organizationId: "string", conversationId: "string", firstMessage: "json", outboxId: "string", createdById: "string?" },
);

interface ClientEventPayload {
  user?: { id?: string };
  client?: { id?: string; status?: string; type?: string; integrationId?: string | null; externalId?: string | null };
  reason?: string;
  error?: { message?: string };
}

/** What a client event says of a link: linked, failed (and why), or nothing yet. */
function outcomeOf(type: string, payload: ClientEventPayload): { state: "linked" } | { state: "failed"; reason: string } | null {
  if (type === "client:remove") {
    const why = payload.error?.message ?? payload.reason ?? "the client was removed";
    return { state: "failed", reason: `The ${payload.client?.type ?? "channel"} link to ${payload.client?.externalId ?? "the user"} failed: ${why}.` };
  }
  if ((type === "client:update" || type === "client:add") && payload.client?.status === "active") return { state: "linked" };
  return null;
}

const CLIENT_EVENTS = new Set(["client:add", "client:update", "client:remove"]);

// The conversations of the pending links a linked client settles, locked in one order (as sendMessage locks its
// conversation) before the links themselves: a second batch settling the same link waits here, holding nothing of it.
const LOCK_CONVERSATIONS = statement<{ id: string }>(
  `SELECT c."id" FROM "Conversation" c
    WHERE c."id" IN (
      SELECT l."conversationId"
        FROM "ChannelLink" l
        JOIN jsonb_to_recordset($1::jsonb) AS a("connectionId" text, "suncoUserId" text, "integrationId" text, "suncoClientId" text)
          ON l."connectionId" = a."connectionId" AND l."suncoUserId" = a."suncoUserId" AND l."integrationId" = a."integrationId"
         AND (l."suncoClientId" IS NULL OR l."suncoClientId" = a."suncoClientId")
       WHERE l."state" = 'pending')
    ORDER BY c."id" FOR UPDATE OF c`,
  { id: "string" },
);

interface ClientOutcome {
  connectionId: string;
  suncoUserId: string;
  integrationId: string;
  suncoClientId: string;
  outcome: { state: "linked" } | { state: "failed"; reason: string };
}

function clientOutcomes(events: readonly StoredEvent[]): ClientOutcome[] {
  return events.flatMap((stored) => {
    if (!CLIENT_EVENTS.has(stored.type)) return [];
    const payload = ((stored.event as { payload?: ClientEventPayload }).payload ?? {}) as ClientEventPayload;
    const { user, client } = payload;
    const outcome = outcomeOf(stored.type, payload);
    if (!outcome || !user?.id || !client?.id || !client.integrationId) return [];
    return [{ connectionId: stored.connectionId, suncoUserId: user.id, integrationId: client.integrationId, suncoClientId: client.id, outcome }];
  });
}

/**
 * Settles the links these webhook events answer, in the worker's transaction once the read model is written (see
 * applyWebhookEvents' `alongside`); a linked one's first message is sent. Resolves to the live events to publish with
 * the batch's: open threads re-read a failed link's state.
 */
export async function settleChannelLinks(tx: SqlExecutor, events: readonly StoredEvent[]): Promise<LiveEventInput[]> {
  const outcomes = clientOutcomes(events);
  const linking = outcomes.filter((answer) => answer.outcome.state === "linked");
  // Writing a message takes the ordering locks of partner and live events, then its conversation's row: that row is
  // locked first, so that the worker never holds those locks while it waits for a row another writer holds.
  if (linking.length > 0) {
    const keys = linking.map(({ connectionId, suncoUserId, integrationId, suncoClientId }) => ({ connectionId, suncoUserId, integrationId, suncoClientId }));
    await tx.query(LOCK_CONVERSATIONS, [JSON.stringify(keys)]);
  }
  const linked: SettledRow[] = [];
  const failed: string[] = [];
  for (const { connectionId, suncoUserId, integrationId, suncoClientId, outcome } of outcomes) {
    const reason = outcome.state === "failed" ? outcome.reason : null;
    const { rows } = await tx.query(SETTLE, [connectionId, suncoUserId, integrationId, suncoClientId, outcome.state, reason]);
    if (outcome.state === "linked") linked.push(...rows);
    else failed.push(...rows.map((link) => link.conversationId));
  }
  for (const link of linked) {
    await writeOutgoing(tx, {
      outboxId: link.outboxId,
      organizationId: link.organizationId,
      conversationId: link.conversationId,
      authorId: link.createdById,
      body: link.firstMessage.body,
      sentBy: link.firstMessage.sentBy,
    });
  }
  return failed.length > 0 ? conversationUpdates(tx, [...new Set(failed)]) : [];
}

const LATEST_LINK = statement<ChannelLinkView>(
  `SELECT ${VIEW_COLUMNS} FROM "ChannelLink" WHERE "conversationId" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
  VIEW_ROW,
);

/** The conversation's latest channel link, for its thread; null when Sunbridge never linked one. */
export async function latestChannelLink(ctx: ActorContext, conversationId: string): Promise<ChannelLinkView | null> {
  const conversation = await findConversation(ctx, conversationId);
  const { rows } = await sql().query(LATEST_LINK, [conversation.id]);
  return rows[0] ?? null;
}
