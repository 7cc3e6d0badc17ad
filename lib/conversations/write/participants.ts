// Participants: who takes part in each conversation, and since and until when (the latest times win).
import type { SqlExecutor } from "@/lib/db";
import { connectionIdOf, rowKey, type ReadModelChanges } from "../read-model-changes";
import type { ConversationRef } from "./conversations";
import { json } from "./sql";

const UPSERT_PARTICIPANTS = `
  INSERT INTO "ConversationParticipant" AS p ("conversationId", "userId", "joinedAt", "leftAt")
  SELECT "conversationId", "userId", "joinedAt", "leftAt"
    FROM jsonb_to_recordset($1::jsonb) AS v("conversationId" uuid, "userId" uuid, "joinedAt" timestamptz, "leftAt" timestamptz)
  ON CONFLICT ("conversationId", "userId") DO UPDATE SET
    "joinedAt" = GREATEST(p."joinedAt", EXCLUDED."joinedAt"),
    "leftAt" = GREATEST(p."leftAt", EXCLUDED."leftAt")
  WHERE EXCLUDED."joinedAt" > COALESCE(p."joinedAt", '-infinity') OR EXCLUDED."leftAt" > COALESCE(p."leftAt", '-infinity')`;

export async function writeParticipants(
  tx: SqlExecutor,
  changes: ReadModelChanges,
  userIds: Map<string, string>,
  conversations: Map<string, ConversationRef>,
) {
  const rows = [...changes.participants.values()].flatMap((participant) => {
    const conversation = conversations.get(participant.conversationKey);
    const connectionId = connectionIdOf(participant.conversationKey);
    const userId = userIds.get(rowKey(connectionId, participant.suncoUserId));
    if (!conversation || !userId) return [];
    return [{ conversationId: conversation.id, userId, joinedAt: participant.joinedAt ?? null, leftAt: participant.leftAt ?? null }];
  });
  if (rows.length > 0) await tx.query(UPSERT_PARTICIPANTS, [json(rows)]);
}
