// The SunCo id of a conversation's first message, as far as the read model can vouch for it: only when it saw the
// conversation being created (conversation:create), since every message since then reached it as a webhook.
import { sql, statement } from "@/lib/db";

export interface FirstMessageRow {
  suncoCreatedAt: Date | null;
  firstMessageId: string | null;
}

const FIRST_MESSAGE = statement<FirstMessageRow>(
  `SELECT c."suncoCreatedAt",
          (SELECT m."suncoMessageId" FROM "Message" m
            WHERE m."conversationId" = c."id" AND m."suncoMessageId" IS NOT NULL AND NOT m."deleted"
            ORDER BY m."receivedAt", m."id" LIMIT 1) AS "firstMessageId"
     FROM "Conversation" c
    WHERE c."connectionId" = $1 AND c."suncoConversationId" = $2`,
  { suncoCreatedAt: "Date?", firstMessageId: "string?" },
);

/**
 * `known` when the read model holds the conversation from its creation: then `id` is its first message (null if it
 * has none yet). Otherwise the read model may hold only recent history, and SunCo must be asked.
 */
export async function knownFirstMessage(connectionId: string, suncoConversationId: string): Promise<{ known: boolean; id: string | null }> {
  const { rows } = await sql().query(FIRST_MESSAGE, [connectionId, suncoConversationId]);
  const row = rows[0];
  if (!row?.suncoCreatedAt) return { known: false, id: null };
  return { known: true, id: row.firstMessageId };
}
