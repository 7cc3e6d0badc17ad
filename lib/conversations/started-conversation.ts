// A conversation Sunbridge itself created or found at SunCo (an agent starting one): written to the read model at once,
// as its conversation:create webhook would write it, so the first message can follow in the same request. The webhook
// arriving later (or earlier) finds the row and changes nothing; conversation.created is told once, by whichever wrote
// the row first.
import type { SqlExecutor } from "@/lib/db";
import type { ConversationTruncated, User } from "@/lib/sunco/schemas";
import { followWrites } from "./apply-webhook-events";
import { ReadModelChanges, type Scope } from "./read-model-changes";
import { writeChanges, type ConversationRef } from "./write-changes";

/** Writes the user and their conversation; resolves to Sunbridge's conversation (inserted when it was new here). */
export async function recordStartedConversation(
  tx: SqlExecutor,
  scope: Scope,
  user: User,
  conversation: ConversationTruncated,
): Promise<ConversationRef> {
  const at = new Date();
  const changes = new ReadModelChanges();
  changes.user(scope, user, at, { announce: true });
  const change = changes.conversation(scope, conversation, at, { activityAt: at });
  changes.created(change, at);
  changes.endUser(change, user.id);
  const wrote = await writeChanges(tx, changes, { unreadAfter: null });
  const ref = [...wrote.conversations.values()][0]!;
  const created = new Map(ref.inserted ? [[ref.id, ref]] : []);
  await followWrites(tx, { live: wrote.live, newConversations: created, written: new Map([[ref.id, ref]]), reopened: wrote.reopened, read: wrote.read });
  return ref;
}
