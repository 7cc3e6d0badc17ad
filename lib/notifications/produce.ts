// What each event notifies, and whom: built from what the change already knows (its live events), so that the writer
// of each change — the read model for messages, lib/inbox and lib/teams for assignments, lib/inbox for notes — adds
// one call. recordNotifications then leaves out whoever does not see the conversation or wants no such notice.
import type { ConversationLiveEvent, ConversationSummaryRow } from "@/lib/conversations";
import type { NotificationInput } from "./record";

const summariesOf = (live: readonly ConversationLiveEvent[]) => {
  const summaries = new Map<string, ConversationSummaryRow>();
  for (const event of live) if (event.type === "conversation.updated") summaries.set(event.data.conversation.id, event.data.conversation);
  return summaries;
};

/**
 * "Assigned to you", for the assignee of each conversation in `updates` (the conversations an assignment changed, as
 * they are now); nobody is told of assigning themselves.
 */
export function assignmentNotifications(updates: readonly ConversationLiveEvent[], by: { id: string | null; name: string | null }): NotificationInput[] {
  return [...summariesOf(updates).values()]
    .filter((conversation) => conversation.assigneeId !== null && conversation.assigneeId !== by.id)
    .map((conversation) => ({
      organizationId: conversation.organizationId,
      userId: conversation.assigneeId!,
      kind: "assigned",
      conversationId: conversation.id,
      connectionId: conversation.connectionId,
      title: by.name ? `${by.name} assigned you a conversation` : "A conversation was assigned to you",
      body: conversation.lastMessagePreview ?? "",
    }));
}

/** "New message", to the assignee of each conversation an end user wrote to (the read model's live events). */
export function messageNotifications(live: readonly ConversationLiveEvent[]): NotificationInput[] {
  const summaries = summariesOf(live);
  const notices: NotificationInput[] = [];
  for (const event of live) {
    if (event.type !== "message.created" || event.data.message.authorType !== "user") continue;
    const conversation = summaries.get(event.data.conversationId);
    if (!conversation?.assigneeId) continue;
    notices.push({
      organizationId: conversation.organizationId,
      userId: conversation.assigneeId,
      kind: "message",
      conversationId: conversation.id,
      connectionId: conversation.connectionId,
      title: `New message from ${event.data.message.authorDisplayName ?? "the end user"}`,
      body: event.data.message.text,
    });
  }
  return notices;
}

/** "Mentioned you", to each member a note mentions, except its author. */
export function mentionNotifications(
  conversation: { id: string; organizationId: string; connectionId: string },
  note: { authorId: string | null; authorName: string; text: string; mentions: readonly { userId: string }[] },
): NotificationInput[] {
  return [...new Set(note.mentions.map((mention) => mention.userId))]
    .filter((userId) => userId !== note.authorId)
    .map((userId) => ({
      organizationId: conversation.organizationId,
      userId,
      kind: "mention",
      conversationId: conversation.id,
      connectionId: conversation.connectionId,
      title: `${note.authorName} mentioned you in a note`,
      body: note.text,
    }));
}
