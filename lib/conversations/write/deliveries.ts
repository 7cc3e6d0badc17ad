// The delivery timeline: each SunCo delivery event recorded once, and each message moved to the furthest status its
// timeline reached (told to open pages).
import { pickColumns, statement, type SqlExecutor } from "@/lib/db";
import type { ConversationLiveEvent, ConversationLiveEvents } from "../live-events";
import type { ReadModelChanges } from "../read-model-changes";
import { MESSAGE_ROW } from "../rows";
import { organizationsOf, type ConversationRef } from "./conversations";
import { json } from "./sql";

const INSERT_DELIVERIES = statement<ConversationLiveEvents["message.delivery"]>(
  `
  WITH v AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS v("conversationId" uuid, "suncoMessageId" text, "suncoEventId" text,
      "kind" "MessageDeliveryStatus", "destinationType" text, "destinationIntegrationId" text, "externalMessageIds" text[],
      "isFinal" boolean, "errorCode" text, "errorMessage" text, "occurredAt" timestamptz)
  ), recorded AS (
    INSERT INTO "MessageDelivery" ("conversationId", "suncoMessageId", "suncoEventId", "kind", "destinationType",
      "destinationIntegrationId", "externalMessageIds", "isFinal", "errorCode", "errorMessage", "occurredAt")
    SELECT v.* FROM v JOIN "Conversation" c ON c."id" = v."conversationId"
     WHERE c."removedAt" IS NULL OR v."occurredAt" > c."removedAt"
    ON CONFLICT ("conversationId", "suncoEventId") DO NOTHING
    RETURNING "conversationId", "suncoMessageId", "kind", concat_ws(': ', "errorCode", "errorMessage") AS "error", "occurredAt"
  ), furthest AS (
    SELECT DISTINCT ON ("conversationId", "suncoMessageId") *
      FROM recorded ORDER BY "conversationId", "suncoMessageId", "kind" DESC, "occurredAt" DESC
  )
  UPDATE "Message" m SET
    "deliveryStatus" = f."kind",
    "deliveryError" = CASE WHEN f."kind" = 'failed' THEN f."error" ELSE m."deliveryError" END
    FROM furthest f
   WHERE m."conversationId" = f."conversationId" AND m."suncoMessageId" = f."suncoMessageId" AND f."kind" > m."deliveryStatus"
  RETURNING m."id", m."conversationId", m."suncoMessageId", m."deliveryStatus", m."deliveryError"`,
  pickColumns(MESSAGE_ROW, ["id", "conversationId", "suncoMessageId", "deliveryStatus", "deliveryError"]),
);

export async function writeDeliveries(
  tx: SqlExecutor,
  changes: ReadModelChanges,
  conversations: Map<string, ConversationRef>,
  live: ConversationLiveEvent[],
) {
  const rows = changes.deliveries.flatMap(({ conversationKey, ...delivery }) => {
    const conversation = conversations.get(conversationKey);
    return conversation ? [{ ...delivery, conversationId: conversation.id }] : [];
  });
  if (rows.length === 0) return;
  const { rows: moved } = await tx.query(INSERT_DELIVERIES, [json(rows)]);
  const organizationOf = organizationsOf(conversations);
  for (const message of moved) {
    live.push({ organizationId: organizationOf.get(message.conversationId)!, type: "message.delivery", data: message });
  }
}
