// The agent read the conversation: Sunbridge's unread count goes to zero at once, and SunCo is told
// (conversation:read, which channels show the end user as "seen") by a job, so that a slow SunCo never slows the page.
import type { ActorContext } from "@/lib/auth/actor";
import { clientForConnectionId } from "@/lib/connections";
import { conversationUpdates } from "@/lib/conversations";
import { sql } from "@/lib/db";
import { enqueue, type QueueDefinition } from "@/lib/jobs";
import { publishLiveEvents } from "@/lib/live";
import { logger } from "@/lib/log";
import { SuncoError } from "@/lib/sunco";
import { conversationForJob, findConversation, readOnlyReason } from "./conversation-access";

export interface ReadReceiptJob {
  conversationId: string;
}

export const READ_RECEIPT_QUEUE: QueueDefinition<ReadReceiptJob> = {
  name: "conversation-read-receipt",
  policy: { retryLimit: 3, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 60 },
  batchSize: 10,
  async handle(jobs) {
    // Several reads of one conversation in a batch say the same thing once.
    for (const conversationId of new Set(jobs.map((job) => job.data.conversationId))) await sendReadReceipt(conversationId);
  },
};

/** Posts conversation:read for the business. Transient SunCo failures throw (the job is retried); others are dropped. */
export async function sendReadReceipt(conversationId: string): Promise<void> {
  const conversation = await conversationForJob(conversationId);
  if (!conversation || readOnlyReason(conversation)) return;
  try {
    await (await clientForConnectionId(conversation.connection.id)).activities.post(conversation.suncoConversationId, {
      author: { type: "business" },
      type: "conversation:read",
    });
  } catch (error) {
    if (error instanceof SuncoError && !error.transient) {
      logger().info({ conversationId, reason: error.message }, "read receipt not sent");
      return;
    }
    throw error;
  }
}

/**
 * Marks everything in the conversation read by the agents. Only a conversation with something unread changes (and
 * tells SunCo), so opening a read conversation again costs one statement.
 */
export async function markConversationRead(ctx: ActorContext, conversationId: string): Promise<{ changed: boolean }> {
  const conversation = await findConversation(ctx, conversationId);
  return sql().transaction(async (tx) => {
    const { rowCount } = await tx.query(
      `UPDATE "Conversation" SET "unreadCount" = 0, "agentLastReadAt" = now()
        WHERE "id" = $1 AND ("unreadCount" > 0 OR "agentLastReadAt" IS NULL
                             OR "agentLastReadAt" < COALESCE("lastUserMessageAt", '-infinity'))`,
      [conversation.id],
    );
    if (rowCount === 0) return { changed: false };
    if (!readOnlyReason(conversation)) await enqueue(READ_RECEIPT_QUEUE, { conversationId: conversation.id }, { executor: tx });
    await publishLiveEvents(tx, await conversationUpdates(tx, [conversation.id]));
    return { changed: true };
  });
}
