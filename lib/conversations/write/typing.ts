// Typing: nothing is stored, the signal only goes to the conversation's open pages.
import { statement, type SqlExecutor } from "@/lib/db";
import type { ConversationLiveEvent } from "../live-events";
import { rowKey, type ReadModelChanges } from "../read-model-changes";
import type { ConversationRef } from "./conversations";

const CONVERSATIONS_BY_SUNCO_ID = statement<{ id: string; organizationId: string; connectionId: string; suncoConversationId: string }>(
  `SELECT c."id", c."organizationId", c."connectionId", c."suncoConversationId"
     FROM "Conversation" c JOIN unnest($1::text[], $2::text[]) AS k("connectionId", "suncoConversationId")
       ON c."connectionId" = k."connectionId" AND c."suncoConversationId" = k."suncoConversationId"`,
  { id: "string", organizationId: "string", connectionId: "string", suncoConversationId: "string" },
);

export async function typingEvents(tx: SqlExecutor, changes: ReadModelChanges, conversations: Map<string, ConversationRef>, live: ConversationLiveEvent[]) {
  if (changes.typing.size === 0) return;
  const signals = [...changes.typing.values()];
  const unknown = [...new Set(signals.map((t) => t.conversationKey).filter((k) => !conversations.has(k)))];
  const found = new Map(conversations);
  if (unknown.length > 0) {
    const parts = unknown.map((k) => k.split("\u0000"));
    const { rows } = await tx.query(CONVERSATIONS_BY_SUNCO_ID, [parts.map((p) => p[0]), parts.map((p) => p[1])]);
    for (const row of rows) found.set(rowKey(row.connectionId, row.suncoConversationId), { ...row, inserted: false });
  }
  for (const signal of signals) {
    const conversation = found.get(signal.conversationKey);
    // Typing in a conversation Sunbridge has not seen yet: nobody has it open.
    if (!conversation) continue;
    live.push({
      organizationId: conversation.organizationId,
      type: "typing",
      data: { conversationId: conversation.id, suncoUserId: signal.suncoUserId, typing: signal.typing, at: signal.at },
    });
  }
}
