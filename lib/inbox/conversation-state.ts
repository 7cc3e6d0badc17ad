// Sunbridge's own state of a conversation, which SunCo knows nothing of: who it is assigned to, and whether it is
// open, pending (waiting on the end user) or resolved. Each change tells open pages in the same transaction.
import type { MemberContext } from "@/lib/auth/require-member";
import { conversationUpdates } from "@/lib/conversations";
import { sql, statement, type SqlExecutor } from "@/lib/db";
import { InvalidInputError } from "@/lib/errors";
import { publishLiveEvents } from "@/lib/live";
import { isMember } from "@/lib/organizations/member-names";
import { joinLine, memberSees, requestAssignment } from "@/lib/teams";
import { findConversation, type ConversationRef } from "./conversation-access";
import type { ConversationStatus } from "./schemas";

async function update(ctx: MemberContext, conversationId: string, assignment: string, values: unknown[], check?: (conversation: ConversationRef, tx: SqlExecutor) => Promise<void>) {
  await sql().transaction(async (tx) => {
    const conversation = await findConversation(ctx, conversationId, { executor: tx, forUpdate: true });
    await check?.(conversation, tx);
    await tx.query(`UPDATE "Conversation" SET ${assignment} WHERE "id" = $1`, [conversation.id, ...values]);
    await rebalance(tx, conversation);
    await publishLiveEvents(tx, await conversationUpdates(tx, [conversation.id]));
  });
}

const STATE = statement<{ status: string; assigneeId: string | null }>(`SELECT "status"::text AS "status", "assigneeId" FROM "Conversation" WHERE "id" = $1`, {
  status: "string",
  assigneeId: "string?",
});

/**
 * Auto-assignment hears of what changed its picture (lib/teams): an open conversation leaving its assignee's hands
 * frees room; one reopened without an assignee waits for a team's agent.
 */
async function rebalance(tx: SqlExecutor, before: ConversationRef) {
  const after = (await tx.query(STATE, [before.id])).rows[0]!;
  const freed = before.status === "open" && before.assigneeId !== null && (after.status !== "open" || after.assigneeId !== before.assigneeId);
  const reopened = before.status !== "open" && after.status === "open" && after.assigneeId === null;
  if (reopened) await joinLine(before.organizationId, [before.id], tx);
  if (freed || reopened) await requestAssignment({ organizationId: before.organizationId }, tx);
}

/** Assigns the conversation to a member of the organization, or to nobody (`assigneeId` null). */
export async function assignConversation(ctx: MemberContext, conversationId: string, assigneeId: string | null): Promise<void> {
  if (assigneeId && !(await isMember(ctx.organization.id, assigneeId))) {
    throw new InvalidInputError("Only members of this organization can be assigned.", { assigneeId: ["is not a member"] });
  }
  await update(ctx, conversationId, `"assigneeId" = $2`, [assigneeId], async (conversation, tx) => {
    // An agent whose teams do not serve the connection would be handed a conversation they cannot open.
    if (assigneeId && !(await memberSees(ctx.organization.id, assigneeId, conversation.connection.id, tx))) {
      throw new InvalidInputError("That member's teams do not serve this conversation's connection.", { assigneeId: ["does not see this connection"] });
    }
  });
}

export async function setConversationStatus(ctx: MemberContext, conversationId: string, status: ConversationStatus): Promise<void> {
  await update(ctx, conversationId, `"status" = $2::"ConversationStatus"`, [status]);
}
