// Sunbridge's own state of a conversation, which SunCo knows nothing of: who it is assigned to, and whether it is
// open, pending (waiting on the end user) or resolved. Each change tells open pages in the same transaction.
import type { ActorContext } from "@/lib/auth/actor";
import { conversationUpdates } from "@/lib/conversations";
import { sql } from "@/lib/db";
import { InvalidInputError } from "@/lib/errors";
import { publishLiveEvents } from "@/lib/live";
import { isMember } from "@/lib/organizations/member-names";
import { findConversation } from "./conversation-access";
import type { ConversationStatus } from "./schemas";

async function update(ctx: ActorContext, conversationId: string, assignment: string, values: unknown[]) {
  await sql().transaction(async (tx) => {
    const conversation = await findConversation(ctx, conversationId, { executor: tx, forUpdate: true });
    await tx.query(`UPDATE "Conversation" SET ${assignment} WHERE "id" = $1`, [conversation.id, ...values]);
    await publishLiveEvents(tx, await conversationUpdates(tx, [conversation.id]));
  });
}

/** Assigns the conversation to a member of the organization, or to nobody (`assigneeId` null). */
export async function assignConversation(ctx: ActorContext, conversationId: string, assigneeId: string | null): Promise<void> {
  // Not found comes first: whom one may assign says nothing about another organization's conversation.
  await findConversation(ctx, conversationId);
  if (assigneeId && !(await isMember(ctx.organization.id, assigneeId))) {
    throw new InvalidInputError("Only members of this organization can be assigned.", { assigneeId: ["is not a member"] });
  }
  await update(ctx, conversationId, `"assigneeId" = $2`, [assigneeId]);
}

export async function setConversationStatus(ctx: ActorContext, conversationId: string, status: ConversationStatus): Promise<void> {
  await update(ctx, conversationId, `"status" = $2::"ConversationStatus"`, [status]);
}
