// Sending a message from the inbox: in one transaction, the outbox row, the optimistic Message the thread shows at
// once (status "sending"), the conversation's last message, the draft cleared, and the job that sends it. Sending
// the same client message id twice sends once and answers with the first send's message.
import { memberIdOf, type ActorContext } from "@/lib/auth/actor";
import { conversationUpdates, MESSAGE_COLUMNS, messageText, setLastMessage } from "@/lib/conversations";
import { sql, type SqlExecutor } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { discardDraft, threadMessage, writableConversation, type ThreadMessage } from "@/lib/inbox";
import { enqueue } from "@/lib/jobs";
import { publishLiveEvents } from "@/lib/live";
import { contentOf, postBodyOf } from "./content";
import { changeMessages, messageStatement, RETURNING_MESSAGE } from "./messages";
import { OUTBOX_QUEUE } from "./queue";
import type { ComposeInput } from "./schemas";
import type { Content, MessagePostBody } from "@/lib/sunco/schemas";

const INSERT_MESSAGE = messageStatement(
  `INSERT INTO "Message" AS m ("organizationId", "conversationId", "clientMessageId", "authorType", "authorDisplayName",
     "author", "contentType", "content", "text", "receivedAt", "deliveryStatus")
   VALUES ($1, $2, $3, 'business', $4, $5, $6, $7, $8, now(), 'sending')
   ${RETURNING_MESSAGE}`,
);

const FIRST_SEND = messageStatement(`SELECT ${MESSAGE_COLUMNS} FROM "Message" m WHERE m."conversationId" = $1 AND m."clientMessageId" = $2`);

export async function sendMessage(ctx: ActorContext, input: ComposeInput): Promise<ThreadMessage> {
  const content = contentOf(input);
  const body = postBodyOf(ctx, content);
  return sql().transaction(async (tx) => {
    // Locked first: the conversation row is written after the message's events take their ordering lock
    // (lib/partner-events), which the webhook worker takes after writing the same row.
    const conversation = await writableConversation(ctx, input.conversationId, tx, true);
    const message = await writeOutgoing(tx, {
      outboxId: input.clientMessageId,
      organizationId: ctx.organization.id,
      conversationId: conversation.id,
      authorId: memberIdOf(ctx),
      body,
      sentBy: ctx.actor.kind === "api_key" ? "api" : "agent",
    });
    if (!message) return firstSend(tx, conversation.id, input.clientMessageId);
    // A member's draft of this reply is sent: it goes. An API key has no drafts.
    if (ctx.actor.kind === "member") await discardDraft(tx, conversation.id, ctx.actor.id);
    return threadMessage(message);
  });
}

export interface OutgoingMessage {
  /** Also the message's client message id; writing the same id twice writes once. */
  outboxId: string;
  organizationId: string;
  conversationId: string;
  /** The member who sent it; null for what Sunbridge sends itself (a satisfaction survey). */
  authorId: string | null;
  body: MessagePostBody;
  /** Who sent it, as the partner's `message.created` says (its origin); what Sunbridge sends itself counts as the agent's. */
  sentBy?: "agent" | "api";
}

/**
 * Writes a business message to send, in the caller's transaction: the outbox row, the thread's optimistic message, the
 * conversation's last message, and the job. Null when this outbox id was written before (nothing is written again).
 */
export async function writeOutgoing(tx: SqlExecutor, outgoing: OutgoingMessage) {
  const { body } = outgoing;
  const { rowCount } = await tx.query(
    `INSERT INTO "OutboxMessage" ("id", "organizationId", "conversationId", "authorId", "body", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT ("id") DO NOTHING`,
    [outgoing.outboxId, outgoing.organizationId, outgoing.conversationId, outgoing.authorId, JSON.stringify(body)],
  );
  if (rowCount === 0) return null;
  const [message] = await changeMessages(tx, outgoing.organizationId, "message.created", INSERT_MESSAGE, [
    outgoing.organizationId,
    outgoing.conversationId,
    outgoing.outboxId,
    body.author.displayName ?? null,
    JSON.stringify(body.author),
    body.content.type,
    JSON.stringify(body.content),
    messageText(body.content as Content),
  ], outgoing.sentBy);
  await setLastMessage(tx, outgoing.conversationId, message!);
  await enqueue(OUTBOX_QUEUE, { outboxId: outgoing.outboxId }, { executor: tx });
  await publishLiveEvents(tx, await conversationUpdates(tx, [outgoing.conversationId]));
  return message!;
}

/** The message a send with this id already made, in this conversation; the id is not reusable elsewhere. */
async function firstSend(tx: SqlExecutor, conversationId: string, clientMessageId: string) {
  const { rows } = await tx.query(FIRST_SEND, [conversationId, clientMessageId]);
  if (!rows[0]) throw new ConflictError("This message id was already used for another message; send it again.");
  return threadMessage(rows[0]);
}
