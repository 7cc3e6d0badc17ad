// The optimistic Message row that stands for an outbox message in the thread, and the changes the outbox makes to it,
// each told to open pages in the same transaction.
import { conversationUpdates, MESSAGE_COLUMNS, MESSAGE_ROW, type ConversationLiveEvent, type MessageRow } from "@/lib/conversations";
import { statement, type SqlExecutor, type Statement } from "@/lib/db";
import { publishLiveEvents } from "@/lib/live";
import { partnerEventsOf, recordPartnerEvents } from "@/lib/partner-events";

export const RETURNING_MESSAGE = `RETURNING ${MESSAGE_COLUMNS}`;

/** Declares (at module level) an INSERT or UPDATE of messages ending in RETURNING_MESSAGE, or a SELECT of MESSAGE_COLUMNS. */
export const messageStatement = (text: string) => statement<MessageRow>(text, MESSAGE_ROW);

/**
 * Runs an UPDATE/INSERT … RETURNING_MESSAGE and tells open pages, and the organization's event endpoints, about each
 * message it returns (a new message, or one whose delivery status moved).
 */
export async function changeMessages(
  tx: SqlExecutor,
  organizationId: string,
  type: "message.created" | "message.updated",
  change: Statement<MessageRow>,
  values: unknown[],
  sentBy?: "agent" | "api",
): Promise<MessageRow[]> {
  const { rows } = await tx.query(change, values);
  const live = rows.map((message): ConversationLiveEvent => ({ organizationId, type, data: { conversationId: message.conversationId, message } }));
  // The conversations' summaries say which connection each message is in.
  const conversations = await conversationUpdates(tx, [...new Set(rows.map((message) => message.conversationId))]);
  await recordPartnerEvents(tx, partnerEventsOf([...conversations, ...live], { statusChanges: type === "message.updated", sentBy }));
  await publishLiveEvents(tx, live);
  return rows;
}
