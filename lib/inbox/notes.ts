// Internal notes: what agents tell each other about a conversation. They stay in Sunbridge (SunCo never sees them)
// and show in the thread between the messages, for every agent with the conversation open.
import { authorName, memberIdOf, type ActorContext } from "@/lib/auth/actor";
import { NOTE_COLUMNS, NOTE_ROW, rowAsJson, type ConversationLiveEvent, type NoteRow } from "@/lib/conversations";
import { sql, statement } from "@/lib/db";
import { publishLiveEvents } from "@/lib/live";
import { findConversation } from "./conversation-access";
import type { ThreadNote } from "./timeline";

const INSERT_NOTE = statement<NoteRow>(
  `INSERT INTO "ConversationNote" ("organizationId", "conversationId", "authorId", "authorName", "text")
   VALUES ($1, $2, $3, $4, $5) RETURNING ${NOTE_COLUMNS}`,
  NOTE_ROW,
);

export async function addNote(ctx: ActorContext, conversationId: string, text: string): Promise<ThreadNote> {
  return sql().transaction(async (tx) => {
    const conversation = await findConversation(ctx, conversationId, { executor: tx });
    const { rows } = await tx.query(INSERT_NOTE, [ctx.organization.id, conversation.id, memberIdOf(ctx), authorName(ctx.actor), text]);
    const note = { kind: "note" as const, ...rows[0]! };
    const told: ConversationLiveEvent = { organizationId: ctx.organization.id, type: "note.created", data: { conversationId: conversation.id, note } };
    await publishLiveEvents(tx, [told]);
    return rowAsJson(note);
  });
}
