// End users' reads (conversation:read): which of the business's messages each read newly covers, for the partner's
// `message.status_changed` with status `read`. SunCo says only "the end user read the conversation at T", so the
// event names the latest business message at or before T that no earlier read covered: that message, and every one
// before it, has been seen. Costs two statements, and only for a batch that holds reads.
import { statement, type SqlExecutor } from "@/lib/db";
import { rowKey, type ReadModelChanges } from "../read-model-changes";
import type { ConversationRef } from "./conversations";
import { json } from "./sql";

/** A business message the end user has now read (and everything before it). */
export interface ReadMessageRow {
  organizationId: string;
  conversationId: string;
  id: string;
  suncoMessageId: string | null;
  readAt: Date;
}

const READ_MARKS = statement<{ connectionId: string; suncoConversationId: string; userLastReadAt: Date | null }>(
  `SELECT c."connectionId", c."suncoConversationId", c."userLastReadAt"
     FROM jsonb_to_recordset($1::jsonb) AS r("connectionId" text, "suncoConversationId" text)
     JOIN "Conversation" c ON c."connectionId" = r."connectionId" AND c."suncoConversationId" = r."suncoConversationId"`,
  { connectionId: "string", suncoConversationId: "string", userLastReadAt: "Date?" },
);

const NEWLY_READ = statement<ReadMessageRow>(
  `SELECT DISTINCT ON (m."conversationId") m."organizationId", m."conversationId", m."id", m."suncoMessageId", r."readAt"
     FROM jsonb_to_recordset($1::jsonb) AS r("conversationId" uuid, "after" timestamptz, "readAt" timestamptz)
     JOIN "Message" m ON m."conversationId" = r."conversationId" AND m."authorType" = 'business'
      AND m."receivedAt" <= r."readAt" AND m."receivedAt" > COALESCE(r."after", '-infinity'::timestamptz)
    ORDER BY m."conversationId", m."receivedAt" DESC, m."id" DESC`,
  { organizationId: "string", conversationId: "string", id: "string", suncoMessageId: "string?", readAt: "Date" },
);

export interface ReadMarks {
  /** By conversation key: the end user's read time in this batch, and the one stored before it. */
  marks: Map<string, { readAt: Date; before: Date | null }>;
}

/** Before the batch is written: the stored read marks of the conversations it reads (null when it reads none). */
export async function readMarksBefore(tx: SqlExecutor, changes: ReadModelChanges): Promise<ReadMarks | null> {
  const reads = [...changes.conversations.entries()].filter(([, conversation]) => conversation.userLastReadAt);
  if (reads.length === 0) return null;
  const { rows } = await tx.query(READ_MARKS, [json(reads.map(([, c]) => ({ connectionId: c.connectionId, suncoConversationId: c.suncoConversationId })))]);
  const stored = new Map(rows.map((row) => [rowKey(row.connectionId, row.suncoConversationId), row.userLastReadAt]));
  return { marks: new Map(reads.map(([key, conversation]) => [key, { readAt: conversation.userLastReadAt!, before: stored.get(key) ?? null }])) };
}

/** After it is written (its messages too): the business message each read newly covers. */
export async function newlyReadMessages(tx: SqlExecutor, reads: ReadMarks | null, conversations: Map<string, ConversationRef>): Promise<ReadMessageRow[]> {
  if (!reads) return [];
  const rows = [...reads.marks.entries()].flatMap(([key, { readAt, before }]) => {
    const conversation = conversations.get(key);
    // A read older than the stored mark covers nothing new.
    return conversation && (!before || readAt > before) ? [{ conversationId: conversation.id, after: before, readAt }] : [];
  });
  if (rows.length === 0) return [];
  return (await tx.query(NEWLY_READ, [json(rows)])).rows;
}
