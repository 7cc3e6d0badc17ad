// The optimistic Message row that stands for an outbox message in the thread, and the changes the outbox makes to it,
// each told to open pages in the same transaction.
import { statement, type SqlExecutor, type Statement } from "@/lib/db";
import { THREAD_MESSAGE_COLUMNS, THREAD_MESSAGE_ROW, type ThreadMessage, type ThreadMessageRow } from "@/lib/inbox";
import { publishLiveEvents } from "@/lib/live";

export const RETURNING_MESSAGE = `RETURNING ${THREAD_MESSAGE_COLUMNS}`;

/** Declares (at module level) an INSERT or UPDATE of messages ending in RETURNING_MESSAGE, or a SELECT of THREAD_MESSAGE_COLUMNS. */
export const messageStatement = (text: string) => statement<ThreadMessageRow>(text, THREAD_MESSAGE_ROW);

export function threadMessageOf(row: ThreadMessageRow): ThreadMessage {
  return { kind: "message", ...row, receivedAt: row.receivedAt.toISOString() };
}

/** Runs an UPDATE/INSERT … RETURNING_MESSAGE and tells open pages about each message it returns. */
export async function changeMessages(
  tx: SqlExecutor,
  organizationId: string,
  type: "message.created" | "message.updated",
  change: Statement<ThreadMessageRow>,
  values: unknown[],
): Promise<ThreadMessage[]> {
  const { rows } = await tx.query(change, values);
  const messages = rows.map(threadMessageOf);
  await publishLiveEvents(
    tx,
    rows.map((row, index) => ({ organizationId, type, data: { conversationId: row.conversationId, message: messages[index] } })),
  );
  return messages;
}
