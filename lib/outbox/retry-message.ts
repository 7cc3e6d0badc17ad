// The agent's "Retry" on a failed message: the same outbox row goes back to pending with a new job, and the thread
// shows it sending again. Same id, so SunCo can never end up with two copies (the next attempt looks first).
import type { MemberContext } from "@/lib/auth/require-member";
import { sql, statement } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { threadMessage, UUID, writableConversation, type ThreadMessage } from "@/lib/inbox";
import { enqueue } from "@/lib/jobs";
import { changeMessages, messageStatement, RETURNING_MESSAGE } from "./messages";
import { OUTBOX_QUEUE } from "./queue";

const LOCK_OUTBOX_ROW = statement<{ conversationId: string; state: string }>(
  `SELECT "conversationId", "state"::text AS "state" FROM "OutboxMessage" WHERE "id" = $1 AND "organizationId" = $2 FOR UPDATE`,
  { conversationId: "string", state: "string" },
);

const SENDING_AGAIN = messageStatement(
  `UPDATE "Message" m SET "deliveryStatus" = 'sending', "deliveryError" = NULL
    WHERE m."conversationId" = $1 AND m."clientMessageId" = $2 AND m."suncoMessageId" IS NULL
    ${RETURNING_MESSAGE}`,
);

const notFound = () => new NotFoundError("There is no such message in this organization.");

/** `outboxId` is the message's client message id. Retrying a message already sending again changes nothing. */
export async function retryOutboxMessage(ctx: MemberContext, outboxId: string): Promise<ThreadMessage | null> {
  if (!UUID.test(outboxId)) throw notFound();
  return sql().transaction(async (tx) => {
    const { rows } = await tx.query(LOCK_OUTBOX_ROW, [outboxId, ctx.organization.id]);
    const row = rows[0];
    if (!row) throw notFound();
    if (row.state === "pending") return null;
    if (row.state === "sent") throw new ConflictError("SunCo already has this message; there is nothing to retry.");
    const conversation = await writableConversation(ctx, row.conversationId, tx);
    await tx.query(
      `UPDATE "OutboxMessage" SET "state" = 'pending', "attempts" = 0, "claimedUntil" = NULL, "updatedAt" = now() WHERE "id" = $1`,
      [outboxId],
    );
    await enqueue(OUTBOX_QUEUE, { outboxId }, { executor: tx });
    const [message] = await changeMessages(
      tx,
      ctx.organization.id,
      "message.updated",
      SENDING_AGAIN,
      [conversation.id, outboxId],
    );
    return message ? threadMessage(message) : null;
  });
}
