// Sunbridge's own state of a conversation, which SunCo knows nothing of: who it is assigned to, and whether it is
// open, pending (waiting on the end user) or resolved. Each change tells open pages, and the organization's event
// endpoints when something changed, in the same transaction.
import type { ActorContext } from "@/lib/auth/actor";
import { conversationUpdates } from "@/lib/conversations";
import { sql } from "@/lib/db";
import { InvalidInputError } from "@/lib/errors";
import { publishLiveEvents } from "@/lib/live";
import { eventConversation, recordPartnerEvents } from "@/lib/partner-events";
import { isMember } from "@/lib/organizations/member-names";
import { findConversation } from "./conversation-access";
import type { ConversationStatus } from "./schemas";

const CHANGES = {
  assignee: `UPDATE "Conversation" SET "assigneeId" = $2 WHERE "id" = $1 AND "assigneeId" IS DISTINCT FROM $2`,
  status: `UPDATE "Conversation" SET "status" = $2::"ConversationStatus" WHERE "id" = $1 AND "status" IS DISTINCT FROM $2::"ConversationStatus"`,
} as const;

async function update(ctx: ActorContext, conversationId: string, changed: keyof typeof CHANGES, value: string | null) {
  await sql().transaction(async (tx) => {
    const conversation = await findConversation(ctx, conversationId, { executor: tx, forUpdate: true });
    const { rowCount } = await tx.query(CHANGES[changed], [conversation.id, value]);
    const live = await conversationUpdates(tx, [conversation.id]);
    if (rowCount > 0) {
      await recordPartnerEvents(
        tx,
        live.flatMap((event) =>
          event.type === "conversation.updated"
            ? [{
                organizationId: ctx.organization.id,
                type: "conversation.updated" as const,
                conversationId: conversation.id,
                data: { conversation: eventConversation(event.data.conversation), changed: [changed] },
              }]
            : [],
        ),
      );
    }
    await publishLiveEvents(tx, live);
  });
}

/** Assigns the conversation to a member of the organization, or to nobody (`assigneeId` null). */
export async function assignConversation(ctx: ActorContext, conversationId: string, assigneeId: string | null): Promise<void> {
  // Not found comes first: whom one may assign says nothing about another organization's conversation.
  await findConversation(ctx, conversationId);
  if (assigneeId && !(await isMember(ctx.organization.id, assigneeId))) {
    throw new InvalidInputError("Only members of this organization can be assigned.", { assigneeId: ["is not a member"] });
  }
  await update(ctx, conversationId, "assignee", assigneeId);
}

export async function setConversationStatus(ctx: ActorContext, conversationId: string, status: ConversationStatus): Promise<void> {
  await update(ctx, conversationId, "status", status);
}
