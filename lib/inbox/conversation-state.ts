// Sunbridge's own state of a conversation, which SunCo knows nothing of: who it is assigned to, and whether it is
// open, pending (waiting on the end user) or resolved. Each change is a line in the thread and tells open pages in
// the same transaction, and is recorded in the audit log (a failed one too).
import type { MemberContext } from "@/lib/auth/require-member";
import { recordAudit } from "@/lib/audit/record";
import { conversationUpdates, recordInboxActivity, type InboxActivityType } from "@/lib/conversations";
import { sql, type SqlExecutor } from "@/lib/db";
import { InvalidInputError } from "@/lib/errors";
import { publishLiveEvents } from "@/lib/live";
import { memberName } from "@/lib/organizations/member-names";
import { findConversation, type ConversationRef } from "./conversation-access";
import type { ConversationStatus } from "./schemas";

interface Change<T> {
  action: "conversation.assigned" | "conversation.status_changed";
  activity: InboxActivityType;
  /** The state's current value, read under the row lock. */
  current: (conversation: ConversationRef) => T;
  next: T;
  write: (tx: SqlExecutor, conversationId: string) => Promise<unknown>;
  /** What the thread's line says of the change (besides who made it). */
  describe: (before: T) => Record<string, unknown>;
}

async function change<T>(ctx: MemberContext, conversationId: string, change: Change<T>): Promise<void> {
  let audit: { connectionId: string; before: T } | null = null;
  try {
    await sql().transaction(async (tx) => {
      const conversation = await findConversation(ctx, conversationId, { executor: tx, forUpdate: true });
      const before = change.current(conversation);
      if (before === change.next) return;
      audit = { connectionId: conversation.connection.id, before };
      await change.write(tx, conversation.id);
      const activity = await recordInboxActivity(tx, conversation, change.activity, { by: ctx.actor.name, ...change.describe(before) });
      await publishLiveEvents(tx, [...(await conversationUpdates(tx, [conversation.id])), activity]);
    });
  } catch (error) {
    await recordAudit(ctx, { action: change.action, target: `conversation ${conversationId}`, after: change.next, error: (error as Error).message }).catch(() => undefined);
    throw error;
  }
  const done = audit as { connectionId: string; before: T } | null;
  if (done) await recordAudit(ctx, { action: change.action, connectionId: done.connectionId, target: `conversation ${conversationId}`, before: done.before, after: change.next });
}

/** Assigns the conversation to a member of the organization, or to nobody (`assigneeId` null). */
export async function assignConversation(ctx: MemberContext, conversationId: string, assigneeId: string | null): Promise<void> {
  const assigneeName = assigneeId ? await memberName(ctx.organization.id, assigneeId) : null;
  if (assigneeId && assigneeName === null) {
    throw new InvalidInputError("Only members of this organization can be assigned.", { assigneeId: ["is not a member"] });
  }
  await change(ctx, conversationId, {
    action: "conversation.assigned",
    activity: "sunbridge:assign",
    current: (conversation) => conversation.assigneeId,
    next: assigneeId,
    write: (tx, id) => tx.query(`UPDATE "Conversation" SET "assigneeId" = $2 WHERE "id" = $1`, [id, assigneeId]),
    describe: () => ({ assigneeId, assigneeName }),
  });
}

export async function setConversationStatus(ctx: MemberContext, conversationId: string, status: ConversationStatus): Promise<void> {
  await change(ctx, conversationId, {
    action: "conversation.status_changed",
    activity: "sunbridge:status",
    current: (conversation) => conversation.status,
    next: status,
    write: (tx, id) => tx.query(`UPDATE "Conversation" SET "status" = $2::"ConversationStatus" WHERE "id" = $1`, [id, status]),
    describe: (before) => ({ from: before, status }),
  });
}
