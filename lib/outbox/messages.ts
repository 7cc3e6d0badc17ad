// The optimistic Message row that stands for an outbox message in the thread, and the changes the outbox makes to it,
// each told to open pages in the same transaction.
import type { SqlExecutor } from "@/lib/db";
import { THREAD_MESSAGE_COLUMNS, type ThreadMessage } from "@/lib/inbox";
import { publishLiveEvents } from "@/lib/live";

type Row = Omit<ThreadMessage, "kind" | "receivedAt"> & { receivedAt: Date };

export const RETURNING_MESSAGE = `RETURNING ${THREAD_MESSAGE_COLUMNS}`;

export function threadMessageOf(row: Row): ThreadMessage {
  return { kind: "message", ...row, receivedAt: row.receivedAt.toISOString() };
}

/** Runs an UPDATE/INSERT … RETURNING_MESSAGE and tells open pages about each message it returns. */
export async function changeMessages(
  tx: SqlExecutor,
  organizationId: string,
  type: "message.created" | "message.updated",
  statement: string,
  values: unknown[],
): Promise<ThreadMessage[]> {
  const { rows } = await tx.query<Row>(statement, values);
  const messages = rows.map(threadMessageOf);
  await publishLiveEvents(
    tx,
    rows.map((row, index) => ({ organizationId, type, data: { conversationId: row.conversationId, message: messages[index] } })),
  );
  return messages;
}
