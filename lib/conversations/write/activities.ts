// Activities, the non-message timeline (postbacks, switchboard changes, channels linked): each SunCo event once.
import { statement, type SqlExecutor } from "@/lib/db";
import type { ConversationLiveEvent } from "../live-events";
import { connectionIdOf, rowKey, type ReadModelChanges } from "../read-model-changes";
import { ACTIVITY_COLUMNS, ACTIVITY_ROW, type ActivityRow } from "../rows";
import { organizationsOf, type ConversationRef } from "./conversations";
import { json } from "./sql";

const INSERT_ACTIVITIES = statement<ActivityRow & { conversationId: string }>(
  `
  INSERT INTO "ConversationActivity" ("conversationId", "suncoEventId", "type", "userId", "data", "occurredAt")
  SELECT v."conversationId", v."suncoEventId", v."type", v."userId", v."data", v."occurredAt"
    FROM jsonb_to_recordset($1::jsonb) AS v("conversationId" uuid, "suncoEventId" text, "type" text, "userId" uuid,
      "data" jsonb, "occurredAt" timestamptz)
    JOIN "Conversation" c ON c."id" = v."conversationId"
   WHERE c."removedAt" IS NULL OR v."occurredAt" > c."removedAt"
  ON CONFLICT ("conversationId", "suncoEventId") DO NOTHING
  RETURNING ${ACTIVITY_COLUMNS}, "conversationId"`,
  { ...ACTIVITY_ROW, conversationId: "string" },
);

export async function writeActivities(
  tx: SqlExecutor,
  changes: ReadModelChanges,
  userIds: Map<string, string>,
  conversations: Map<string, ConversationRef>,
  live: ConversationLiveEvent[],
) {
  const rows = changes.activities.flatMap(({ conversationKey, suncoUserId, ...activity }) => {
    const conversation = conversations.get(conversationKey);
    if (!conversation) return [];
    const connectionId = connectionIdOf(conversationKey);
    return [{ ...activity, conversationId: conversation.id, userId: suncoUserId ? (userIds.get(rowKey(connectionId, suncoUserId)) ?? null) : null }];
  });
  if (rows.length === 0) return;
  const { rows: inserted } = await tx.query(INSERT_ACTIVITIES, [json(rows)]);
  const organizationOf = organizationsOf(conversations);
  for (const activity of inserted) {
    live.push({ organizationId: organizationOf.get(activity.conversationId)!, type: "conversation.activity", data: activity });
  }
}
