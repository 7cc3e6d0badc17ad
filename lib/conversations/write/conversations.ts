// Conversations: one guarded upsert for the batch, written only where something about a conversation is newer, and
// the ref (id, organization, whether it is new) of every conversation the batch names.
import { statement, type SqlExecutor } from "@/lib/db";
import { rowKey, type ReadModelChanges } from "../read-model-changes";
import { guarded, inLockOrder, json, timeOfConflicting, timesByRow } from "./sql";

export interface ConversationRef {
  id: string;
  organizationId: string;
  /** Seen for the first time by this write. */
  inserted: boolean;
}

/** By conversation id: its organization (what each live event is addressed to). */
export const organizationsOf = (conversations: Map<string, ConversationRef>) =>
  new Map([...conversations.values()].map((c) => [c.id, c.organizationId]));

/** The batch's non-message activity for the conflicting row. */
const ACTIVITY_OF_ROW = timeOfConflicting("$2", "suncoConversationId");

/** Each conversation the batch names, `inserted` where the statement created it. */
interface ConversationIdRow extends ConversationRef {
  connectionId: string;
  suncoConversationId: string;
}

/**
 * A new conversation starts at its latest activity or message, or, first seen through something else (a delivery
 * receipt, say), at that event's time. An existing one is written only when something about it is newer — not
 * for each message, which the message insert accounts for — and the rows left alone are read back for their ids.
 */
const UPSERT_CONVERSATIONS = statement<ConversationIdRow>(
  `
  WITH v AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(
      "organizationId" text, "connectionId" text, "suncoConversationId" text, "type" text, "endUserId" uuid,
      "seenAt" timestamptz, "activityAt" timestamptz, "messageAt" timestamptz, "metadataAt" timestamptz, "metadata" jsonb,
      "switchboardAt" timestamptz, "active" jsonb, "pending" jsonb, "userLastReadAt" timestamptz, "suncoCreatedAt" timestamptz)
  ), written AS (
    INSERT INTO "Conversation" AS c ("organizationId", "connectionId", "suncoConversationId", "type", "endUserId",
      "metadata", "metadataAt", "activeSwitchboardIntegration", "pendingSwitchboardIntegration", "switchboardAt",
      "userLastReadAt", "suncoCreatedAt", "lastActivityAt")
    SELECT "organizationId", "connectionId", "suncoConversationId", "type", "endUserId", "metadata", "metadataAt",
           "active", "pending", "switchboardAt", "userLastReadAt", "suncoCreatedAt",
           COALESCE(GREATEST("activityAt", "messageAt"), "seenAt")
      FROM v
    ON CONFLICT ("connectionId", "suncoConversationId") DO UPDATE SET
      "type" = EXCLUDED."type",
      "endUserId" = COALESCE(c."endUserId", EXCLUDED."endUserId"),
      "metadata" = CASE WHEN c."removedAt" IS NULL AND EXCLUDED."metadataAt" > COALESCE(c."metadataAt", '-infinity')
                        THEN EXCLUDED."metadata" ELSE c."metadata" END,
      "metadataAt" = GREATEST(c."metadataAt", EXCLUDED."metadataAt"),
      ${guarded(`EXCLUDED."switchboardAt" > COALESCE(c."switchboardAt", '-infinity')`, "c", [
        "activeSwitchboardIntegration", "pendingSwitchboardIntegration",
      ])},
      "switchboardAt" = GREATEST(c."switchboardAt", EXCLUDED."switchboardAt"),
      "userLastReadAt" = GREATEST(c."userLastReadAt", EXCLUDED."userLastReadAt"),
      "suncoCreatedAt" = LEAST(c."suncoCreatedAt", EXCLUDED."suncoCreatedAt"),
      "lastActivityAt" = GREATEST(c."lastActivityAt", ${ACTIVITY_OF_ROW})
    WHERE EXCLUDED."type" IS DISTINCT FROM c."type"
       OR (c."endUserId" IS NULL AND EXCLUDED."endUserId" IS NOT NULL)
       OR EXCLUDED."metadataAt" > COALESCE(c."metadataAt", '-infinity')
       OR EXCLUDED."switchboardAt" > COALESCE(c."switchboardAt", '-infinity')
       OR EXCLUDED."userLastReadAt" > COALESCE(c."userLastReadAt", '-infinity')
       OR EXCLUDED."suncoCreatedAt" < COALESCE(c."suncoCreatedAt", 'infinity')
       OR ${ACTIVITY_OF_ROW} > c."lastActivityAt"
    RETURNING c."id", c."organizationId", c."connectionId", c."suncoConversationId", (c.xmax = 0) AS "inserted"
  )
  SELECT * FROM written
  UNION ALL
  SELECT c."id", c."organizationId", c."connectionId", c."suncoConversationId", false
    FROM "Conversation" c JOIN v ON c."connectionId" = v."connectionId" AND c."suncoConversationId" = v."suncoConversationId"`,
  { id: "string", organizationId: "string", connectionId: "string", suncoConversationId: "string", inserted: "boolean" },
);

export async function writeConversations(tx: SqlExecutor, changes: ReadModelChanges, userIds: Map<string, string>) {
  const rows = inLockOrder([...changes.conversations.values()].map((conversation) => ({
    organizationId: conversation.organizationId,
    connectionId: conversation.connectionId,
    suncoConversationId: conversation.suncoConversationId,
    type: conversation.type,
    endUserId: conversation.endUserSuncoId
      ? (userIds.get(rowKey(conversation.connectionId, conversation.endUserSuncoId)) ?? null)
      : null,
    seenAt: conversation.seenAt,
    activityAt: conversation.activityAt ?? null,
    messageAt: conversation.messageAt ?? null,
    metadataAt: conversation.metadata?.at ?? null,
    metadata: conversation.metadata?.value ?? null,
    switchboardAt: conversation.switchboard?.at ?? null,
    active: conversation.switchboard?.value.active ?? null,
    pending: conversation.switchboard?.value.pending ?? null,
    userLastReadAt: conversation.userLastReadAt ?? null,
    suncoCreatedAt: conversation.suncoCreatedAt ?? null,
  })), (row) => row.suncoConversationId);
  const refs = new Map<string, ConversationRef>();
  if (rows.length === 0) return refs;
  const activity = timesByRow(rows.map((row) => [row.connectionId, row.suncoConversationId, row.activityAt]));
  const { rows: result } = await tx.query(UPSERT_CONVERSATIONS, [json(rows), activity]);
  // An updated row comes back twice (written, and as it was before); a new one only once, as written.
  for (const row of result) {
    const key = rowKey(row.connectionId, row.suncoConversationId);
    if (refs.has(key)) continue;
    refs.set(key, {
      id: row.id,
      organizationId: row.organizationId,
      inserted: row.inserted,
    });
  }
  return refs;
}
