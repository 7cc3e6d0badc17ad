// What an agent has typed in a conversation's composer and not sent, kept on the server per agent and conversation.
import type { MemberContext } from "@/lib/auth/require-member";
import { sql, type SqlExecutor } from "@/lib/db";
import { findConversation } from "./conversation-access";

/** Saves the draft; an empty one is deleted. */
export async function saveDraft(ctx: MemberContext, conversationId: string, text: string): Promise<void> {
  const conversation = await findConversation(ctx, conversationId);
  if (text.trim() === "") {
    await discardDraft(sql(), conversation.id, ctx.actor.id);
    return;
  }
  await sql().query(
    `INSERT INTO "ConversationDraft" ("conversationId", "userId", "organizationId", "text", "updatedAt")
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT ("conversationId", "userId") DO UPDATE SET "text" = EXCLUDED."text", "updatedAt" = now()`,
    [conversation.id, ctx.actor.id, ctx.organization.id, text],
  );
}

/** Called when the draft is sent (inside the send's transaction). */
export async function discardDraft(executor: SqlExecutor, conversationId: string, userId: string): Promise<void> {
  await executor.query(`DELETE FROM "ConversationDraft" WHERE "conversationId" = $1 AND "userId" = $2`, [conversationId, userId]);
}
