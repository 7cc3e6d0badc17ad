// Messages: inserted once per SunCo message (an outbox echo completes its optimistic row), moving each conversation's
// last message, channel, unread count and reports' moments (first message, first response) in the same statement,
// and told to open pages.
import { statement, type SqlExecutor } from "@/lib/db";
import { notify } from "@/lib/db/notifications";
import type { ConversationLiveEvent } from "../live-events";
import { messagePreview } from "../message-text";
import { connectionIdOf, rowKey, type ReadModelChanges } from "../read-model-changes";
import { MESSAGE_COLUMN_NAMES, MESSAGE_COLUMNS, MESSAGE_ROW, type MessageRow } from "../rows";
import { organizationsOf, type ConversationRef } from "./conversations";
import { lastMessageAssignments } from "./last-message";
import { guarded, json } from "./sql";

/** Notified when end users' form responses are stored. */
export const FORM_RESPONSES_CHANNEL = "sunbridge_form_responses";

/** The message columns of `written`, qualified: the answer joins the conversations it moved, which have an "id" too. */
const WRITTEN_COLUMNS = MESSAGE_COLUMN_NAMES.split(", ").map((name) => `w.${name}`).join(", ");

/**
 * Inserts messages (a message seen before is left alone, or, for an outbox echo, completed once) and moves each
 * conversation's last message, channel and unread count for the messages this statement inserted, in one round trip.
 * A delivery event that arrived before its message already left a timeline: the message starts at that status.
 */
function insertMessagesSql(conflict: "suncoMessageId" | "clientMessageId") {
  const onConflict =
    conflict === "suncoMessageId"
      ? `ON CONFLICT ("conversationId", "suncoMessageId") DO NOTHING`
      : `ON CONFLICT ("conversationId", "clientMessageId") DO UPDATE SET
           ("suncoMessageId", "authorType", "authorUserId", "authorDisplayName", "authorAvatarUrl", "author", "contentType",
            "content", "text", "sourceType", "sourceIntegrationId", "source", "metadata", "quotedMessage", "receivedAt",
            "deliveryStatus") =
           (EXCLUDED."suncoMessageId", EXCLUDED."authorType", EXCLUDED."authorUserId", EXCLUDED."authorDisplayName",
            EXCLUDED."authorAvatarUrl", EXCLUDED."author", EXCLUDED."contentType", EXCLUDED."content", EXCLUDED."text",
            EXCLUDED."sourceType", EXCLUDED."sourceIntegrationId", EXCLUDED."source", EXCLUDED."metadata",
            EXCLUDED."quotedMessage", EXCLUDED."receivedAt", GREATEST(m."deliveryStatus", EXCLUDED."deliveryStatus"))
         -- Also when the outbox recorded SunCo's id first (its delivery committed before the echo came): the row comes
         -- back, so the echo still counts where it must (the conversation's first response, lib/reports).
         WHERE m."suncoMessageId" IS NULL OR m."suncoMessageId" = EXCLUDED."suncoMessageId"`;
  return `
  WITH v AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS v("organizationId" text, "conversationId" uuid, "suncoMessageId" text,
      "clientMessageId" text, "authorType" text, "authorUserId" uuid, "authorDisplayName" text, "authorAvatarUrl" text,
      "author" jsonb, "contentType" text, "content" jsonb, "text" text, "preview" text, "sourceType" text,
      "sourceIntegrationId" text, "source" jsonb, "metadata" jsonb, "quotedMessage" jsonb, "deleted" boolean,
      "receivedAt" timestamptz)
  ), timeline AS (
    SELECT DISTINCT ON (d."conversationId", d."suncoMessageId") d."conversationId", d."suncoMessageId", d."kind",
           concat_ws(': ', d."errorCode", d."errorMessage") AS "error"
      FROM "MessageDelivery" d JOIN v ON d."conversationId" = v."conversationId" AND d."suncoMessageId" = v."suncoMessageId"
     ORDER BY d."conversationId", d."suncoMessageId", d."kind" DESC, d."occurredAt" DESC
  ), written AS (
    INSERT INTO "Message" AS m ("organizationId", "conversationId", "suncoMessageId", "clientMessageId", "authorType",
      "authorUserId", "authorDisplayName", "authorAvatarUrl", "author", "contentType", "content", "text", "sourceType",
      "sourceIntegrationId", "source", "metadata", "quotedMessage", "deleted", "receivedAt", "deliveryStatus", "deliveryError")
    SELECT v."organizationId", v."conversationId", v."suncoMessageId", v."clientMessageId", v."authorType", v."authorUserId",
           v."authorDisplayName", v."authorAvatarUrl", v."author", v."contentType", v."content", v."text", v."sourceType",
           v."sourceIntegrationId", v."source", v."metadata", v."quotedMessage", v."deleted", v."receivedAt",
           GREATEST('sent'::"MessageDeliveryStatus", t."kind"), CASE WHEN t."kind" = 'failed' THEN t."error" END
      FROM v
      JOIN "Conversation" c ON c."id" = v."conversationId"
      LEFT JOIN timeline t ON t."conversationId" = v."conversationId" AND t."suncoMessageId" = v."suncoMessageId"
     -- A removed conversation takes no message it had before its removal (a late redelivery).
     WHERE c."removedAt" IS NULL OR v."receivedAt" > c."removedAt"
    ${onConflict}
    RETURNING ${MESSAGE_COLUMNS}, m."sourceIntegrationId", (m.xmax = 0) AS "inserted"
  ), ordered AS (
    -- The batch's first end-user message per conversation, for the reports' first response (lib/reports).
    SELECT w.*, min(w."receivedAt") FILTER (WHERE w."authorType" = 'user') OVER (PARTITION BY w."conversationId") AS "batchFirstUser"
      FROM written w
  ), latest AS (
    -- One row per conversation, from one pass over the written messages: joining several per-conversation subqueries
    -- instead made PostgreSQL rescan each for every conversation (its row estimates for these CTEs are tiny), a
    -- batch's cost growing with its square.
    SELECT w."conversationId",
           (array_agg(w."receivedAt" ORDER BY w."receivedAt" DESC, w."suncoMessageId" DESC))[1] AS "receivedAt",
           (array_agg(w."authorType" ORDER BY w."receivedAt" DESC, w."suncoMessageId" DESC))[1] AS "authorType",
           (array_agg(v."preview" ORDER BY w."receivedAt" DESC, w."suncoMessageId" DESC))[1] AS "preview",
           max(w."receivedAt") FILTER (WHERE w."authorType" = 'user') AS "userReceivedAt",
           (array_agg(w."sourceType" ORDER BY w."receivedAt" DESC, w."suncoMessageId" DESC) FILTER (WHERE w."authorType" = 'user'))[1] AS "sourceType",
           (array_agg(w."sourceIntegrationId" ORDER BY w."receivedAt" DESC, w."suncoMessageId" DESC) FILTER (WHERE w."authorType" = 'user'))[1] AS "sourceIntegrationId",
           count(*) FILTER (WHERE w."inserted" AND w."authorType" = 'user'
             AND w."receivedAt" > GREATEST(c."agentLastReadAt", $2::timestamptz, '-infinity'::timestamptz)) AS "unread",
           -- A form response answers the business's form (the satisfaction survey sent on resolving): it is read
           -- like any message, and reopens nothing.
           count(*) FILTER (WHERE w."inserted" AND w."authorType" = 'user' AND w."contentType" <> 'formResponse'
             AND w."receivedAt" > GREATEST(c."agentLastReadAt", $2::timestamptz, '-infinity'::timestamptz)) AS "reopening",
           bool_or(c."status" <> 'open') AS "waiting",
           -- What reports measure: the end user's first message, and the business's first message after it.
           LEAST(min(c."firstUserMessageAt"), min(w."batchFirstUser")) AS "firstUser",
           min(w."receivedAt") FILTER (WHERE w."authorType" = 'business' AND w."receivedAt" > LEAST(c."firstUserMessageAt", w."batchFirstUser")) AS "firstResponse"
      FROM ordered w
      JOIN v ON v."conversationId" = w."conversationId" AND v."suncoMessageId" = w."suncoMessageId"
      JOIN "Conversation" c ON c."id" = w."conversationId"
     GROUP BY w."conversationId"
  ), moved AS (
    UPDATE "Conversation" c SET
      ${lastMessageAssignments({ at: `l."receivedAt"`, preview: `l."preview"`, authorType: `l."authorType"` }, { onlyIfNewer: true })},
      ${guarded(`l."userReceivedAt" >= COALESCE(c."lastUserMessageAt", '-infinity')`, "c", {
        lastUserMessageAt: `l."userReceivedAt"`,
        channelType: `l."sourceType"`,
        channelIntegrationId: `l."sourceIntegrationId"`,
      })},
      "unreadCount" = c."unreadCount" + l."unread",
      -- The end user writing reopens a conversation that was waiting on them (pending), snoozed or resolved.
      "status" = CASE WHEN l."reopening" > 0 THEN 'open' ELSE c."status" END,
      "snoozedUntil" = CASE WHEN l."reopening" > 0 THEN NULL ELSE c."snoozedUntil" END,
      "resolvedAt" = CASE WHEN l."reopening" > 0 THEN NULL ELSE c."resolvedAt" END,
      "resolutionSeconds" = CASE WHEN l."reopening" > 0 THEN NULL ELSE c."resolutionSeconds" END,
      "firstUserMessageAt" = l."firstUser",
      "firstResponseAt" = COALESCE(c."firstResponseAt", l."firstResponse"),
      "firstResponseSeconds" = CASE WHEN c."firstResponseAt" IS NULL AND l."firstResponse" IS NOT NULL
        THEN "business_seconds"(l."firstUser", l."firstResponse", "connection_business_hours"(c."connectionId"))
        ELSE c."firstResponseSeconds" END
      FROM latest l
     WHERE c."id" = l."conversationId"
    RETURNING c."id", l."reopening" > 0 AND l."waiting" AS "reopened"
  )
  SELECT ${WRITTEN_COLUMNS}, w."inserted", COALESCE(mv."reopened", false) AS "reopened"
    FROM written w LEFT JOIN moved mv ON mv."id" = w."conversationId"`;
}

/** `reopened`: the message's conversation was pending, snoozed or resolved, and this statement reopened it. */
type WrittenMessage = MessageRow & { inserted: boolean; reopened: boolean };

const WRITTEN_MESSAGE_ROW = { ...MESSAGE_ROW, inserted: "boolean", reopened: "boolean" } as const;
const INSERT_MESSAGES = {
  suncoMessageId: statement<WrittenMessage>(insertMessagesSql("suncoMessageId"), WRITTEN_MESSAGE_ROW),
  clientMessageId: statement<WrittenMessage>(insertMessagesSql("clientMessageId"), WRITTEN_MESSAGE_ROW),
};

/** `unreadAfter`: see WriteOptions. Resolves to the conversations an end user's message reopened. */
export async function writeMessages(
  tx: SqlExecutor,
  changes: ReadModelChanges,
  userIds: Map<string, string>,
  conversations: Map<string, ConversationRef>,
  unreadAfter: Date | null,
  live: ConversationLiveEvent[],
) {
  const rows = [...changes.messages.values()].flatMap((message) => {
    const conversation = conversations.get(message.conversationKey);
    if (!conversation) return [];
    const connectionId = connectionIdOf(message.conversationKey);
    const { authorSuncoUserId, ...fields } = message;
    return [
      {
        ...fields,
        organizationId: conversation.organizationId,
        conversationId: conversation.id,
        authorUserId: authorSuncoUserId ? (userIds.get(rowKey(connectionId, authorSuncoUserId)) ?? null) : null,
        preview: messagePreview(message.contentType, message.text),
      },
    ];
  });
  const echoes = rows.filter((row) => row.clientMessageId);
  const others = rows.filter((row) => !row.clientMessageId);
  const written: WrittenMessage[] = [];
  for (const [group, conflict] of [
    [others, "suncoMessageId"],
    [echoes, "clientMessageId"],
  ] as const) {
    if (group.length === 0) continue;
    const { rows: result } = await tx.query(INSERT_MESSAGES[conflict], [json(group), unreadAfter]);
    written.push(...result);
  }
  // lib/satisfaction records the answers to its surveys among them.
  if (written.some((message) => message.inserted && message.contentType === "formResponse")) await notify(tx, FORM_RESPONSES_CHANNEL);
  const organizationOf = organizationsOf(conversations);
  const reopenedIds = new Set<string>();
  for (const { inserted, reopened, ...message } of written) {
    if (reopened) reopenedIds.add(message.conversationId);
    live.push({
      organizationId: organizationOf.get(message.conversationId)!,
      type: inserted ? "message.created" : "message.updated",
      data: { conversationId: message.conversationId, message },
    });
  }
  return reopenedIds;
}
