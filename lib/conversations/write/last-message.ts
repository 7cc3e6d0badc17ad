// A conversation's last message (its time, preview and author type) and the activity time it moves, written here for
// every writer: the webhook message insert, the outbox's send, a merge of conversations.
import type { SqlExecutor } from "@/lib/db";
import { messagePreview } from "../message-text";
import type { MessageRow } from "../rows";
import { guarded } from "./sql";

/** SQL expressions for the message that becomes the last one. */
export interface LastMessageSource {
  at: string;
  preview: string;
  authorType: string;
}

/**
 * SET assignments, of "Conversation" aliased c, making `message` the last message and moving the activity time with
 * it. With `onlyIfNewer`, an older message leaves the last one as it is (a batch of events arrives in any order).
 */
export function lastMessageAssignments(message: LastMessageSource, options: { onlyIfNewer?: boolean } = {}): string {
  const columns = { lastMessageAt: message.at, lastMessagePreview: message.preview, lastMessageAuthorType: message.authorType };
  const last = options.onlyIfNewer
    ? guarded(`${message.at} >= COALESCE(c."lastMessageAt", '-infinity')`, "c", columns)
    : Object.entries(columns)
        .map(([column, value]) => `"${column}" = ${value}`)
        .join(", ");
  return `${last},\n    "lastActivityAt" = GREATEST(c."lastActivityAt", ${message.at})`;
}

/** Makes `message` the conversation's last message, whatever the last one was. */
export async function setLastMessage(
  tx: SqlExecutor,
  conversationId: string,
  message: Pick<MessageRow, "receivedAt" | "contentType" | "text" | "authorType">,
): Promise<void> {
  await tx.query(`UPDATE "Conversation" c SET ${lastMessageAssignments({ at: "$2", preview: "$3", authorType: "$4" })} WHERE c."id" = $1`, [
    conversationId,
    message.receivedAt,
    messagePreview(message.contentType, message.text),
    message.authorType,
  ]);
}
