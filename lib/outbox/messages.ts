// The optimistic Message row that stands for an outbox message in the thread, and the changes the outbox makes to it,
// each told to open pages in the same transaction.
import { MESSAGE_COLUMNS, type ConversationLiveEvent, type MessageRow } from "@/lib/conversations";
import type { SqlExecutor } from "@/lib/db";
import { publishLiveEvents } from "@/lib/live";

export const RETURNING_MESSAGE = `RETURNING ${MESSAGE_COLUMNS}`;

/** Runs an UPDATE/INSERT … RETURNING_MESSAGE and tells open pages about each message it returns. */
export async function changeMessages(
  tx: SqlExecutor,
  organizationId: string,
  type: "message.created" | "message.updated",
  statement: string,
  values: unknown[],
): Promise<MessageRow[]> {
  const { rows } = await tx.query<MessageRow>(statement, values);
  await publishLiveEvents(
    tx,
    rows.map((message): ConversationLiveEvent => ({ organizationId, type, data: { conversationId: message.conversationId, message } })),
  );
  return rows;
}
