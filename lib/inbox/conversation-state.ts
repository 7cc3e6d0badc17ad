// Sunbridge's own state of a conversation, which SunCo knows nothing of: who it is assigned to, and whether it is
// open, pending (waiting on the end user), snoozed or resolved. A change to one conversation is a change to a
// selection of one (./selection.ts).
import type { ActorContext } from "@/lib/auth/actor";
import type { SettableStatus } from "./schemas";
import { assignConversations, setConversationsStatus } from "./selection";

/** Assigns the conversation to a member of the organization, or to nobody (`assigneeId` null). */
export async function assignConversation(ctx: ActorContext, conversationId: string, assigneeId: string | null): Promise<void> {
  await assignConversations(ctx, [conversationId], assigneeId);
}

export async function setConversationStatus(ctx: ActorContext, conversationId: string, status: SettableStatus): Promise<void> {
  await setConversationsStatus(ctx, [conversationId], status);
}
