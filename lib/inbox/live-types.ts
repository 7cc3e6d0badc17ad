// The live events the inbox pages follow (published by lib/conversations, lib/inbox and lib/outbox), as they arrive
// in the browser: JSON, so times are ISO strings. Types only, for client components.
import type { ThreadActivity, ThreadMessage, ThreadNote } from "./timeline";

/** A conversation's row after a change (write-changes.ts CONVERSATION_SUMMARY_COLUMNS). */
export interface ConversationUpdate {
  id: string;
  connectionId: string;
  endUserId: string | null;
  status: "open" | "pending" | "resolved";
  assigneeId: string | null;
  unreadCount: number;
  lastMessagePreview: string | null;
  lastMessageAuthorType: string | null;
  lastActivityAt: string;
  channelType: string | null;
  userLastReadAt: string | null;
  activeSwitchboardIntegration: unknown;
  pendingSwitchboardIntegration: unknown;
  removedAt: string | null;
}

/** Webhook messages carry no `retryable`; only the outbox's failures are. */
export type LiveMessage = Omit<ThreadMessage, "kind" | "retryable"> & { retryable?: boolean };

export interface InboxLiveEvents {
  "conversation.updated": { conversation: ConversationUpdate };
  "message.created": { conversationId: string; message: LiveMessage };
  "message.updated": { conversationId: string; message: LiveMessage };
  "message.delivery": { id: string; conversationId: string; deliveryStatus: ThreadMessage["deliveryStatus"]; deliveryError: string | null };
  "note.created": { conversationId: string; note: ThreadNote };
  "conversation.activity": Omit<ThreadActivity, "kind"> & { conversationId: string };
  typing: { conversationId: string; suncoUserId: string | null; typing: boolean; at: string };
  "user.updated": { userId: string };
}

export type InboxLiveEventType = keyof InboxLiveEvents;
