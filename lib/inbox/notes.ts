// Internal notes: what agents tell each other about a conversation. They stay in Sunbridge (SunCo never sees them)
// and show in the thread between the messages, for every agent with the conversation open. A note may mention members
// who see the conversation (those it may be assigned to: ./assignable-members.ts); each is notified.
import { authorName, memberIdOf, type ActorContext } from "@/lib/auth/actor";
import { NOTE_COLUMNS, NOTE_ROW, rowAsJson, type ConversationLiveEvent, type NoteMention, type NoteRow } from "@/lib/conversations";
import { sql, statement } from "@/lib/db";
import { InvalidInputError } from "@/lib/errors";
import { publishLiveEvents } from "@/lib/live";
import { mentionNotifications, recordNotifications } from "@/lib/notifications";
import { listAssignableMembers } from "./assignable-members";
import { findConversation } from "./conversation-access";
import type { ThreadNote } from "./timeline";

const INSERT_NOTE = statement<NoteRow>(
  `INSERT INTO "ConversationNote" ("organizationId", "conversationId", "authorId", "authorName", "text", "mentions")
   VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING ${NOTE_COLUMNS}`,
  NOTE_ROW,
);

/**
 * Who of `userIds` the note mentions: each must see the conversation's connection (else the note is refused, naming
 * none of them), and is kept only while `@name` is still in the text (the agent may have deleted it after picking).
 */
async function mentionsOf(ctx: ActorContext, connectionId: string, text: string, userIds: readonly string[]): Promise<NoteMention[]> {
  if (userIds.length === 0) return [];
  const members = new Map((await listAssignableMembers(ctx, connectionId)).map((member) => [member.id, member.name]));
  const mentions: NoteMention[] = [];
  for (const userId of new Set(userIds)) {
    const name = members.get(userId);
    if (name === undefined) throw new InvalidInputError("Only members who see this conversation can be mentioned.", { mentions: ["names someone who cannot see this conversation"] });
    if (text.includes(`@${name}`)) mentions.push({ userId, name });
  }
  return mentions;
}

export async function addNote(ctx: ActorContext, conversationId: string, text: string, mentionIds: readonly string[] = []): Promise<ThreadNote> {
  // Who may be mentioned is read before the transaction: member names are Prisma's, which must not run inside it.
  const found = await findConversation(ctx, conversationId);
  const mentions = await mentionsOf(ctx, found.connection.id, text, mentionIds);
  return sql().transaction(async (tx) => {
    const conversation = await findConversation(ctx, conversationId, { executor: tx });
    const author = { id: memberIdOf(ctx), name: authorName(ctx.actor) };
    const { rows } = await tx.query(INSERT_NOTE, [ctx.organization.id, conversation.id, author.id, author.name, text, JSON.stringify(mentions)]);
    const note = { kind: "note" as const, ...rows[0]! };
    const told: ConversationLiveEvent = { organizationId: ctx.organization.id, type: "note.created", data: { conversationId: conversation.id, note } };
    const notices = await recordNotifications(
      tx,
      mentionNotifications({ id: conversation.id, organizationId: ctx.organization.id, connectionId: conversation.connection.id }, { authorId: author.id, authorName: author.name, text, mentions }),
    );
    await publishLiveEvents(tx, [told, ...notices]);
    return rowAsJson(note);
  });
}
