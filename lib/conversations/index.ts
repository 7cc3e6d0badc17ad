// The conversation read model: built from webhook events (and a first fetch of each conversation's history),
// read by the inbox. Its rows' shapes and column lists, its live events, and its one writer of a conversation's last
// message are here for the inbox and the outbox to use.
export {
  applyWebhookEvents,
  READ_MODEL_QUEUES,
  type ApplyResult,
  type EventOutcome,
  type StoredEvent,
} from "./apply-webhook-events";
export { CONVERSATION_HISTORY_QUEUE, fetchConversationHistory } from "./history";
export { knownFirstMessage } from "./first-message";
export { recordStartedConversation } from "./started-conversation";
export { messagePreview, messageText } from "./message-text";
export {
  ACTIVITY_COLUMNS,
  ACTIVITY_ROW,
  CONVERSATION_SUMMARY_ROW,
  conversationSummaryColumns,
  MESSAGE_COLUMNS,
  MESSAGE_ROW,
  NOTE_COLUMNS,
  NOTE_ROW,
  rowAsJson,
  type ActivityRow,
  type AsJson,
  type ConversationSummaryRow,
  type MessageRow,
  type NoteMention,
  type NoteRow,
} from "./rows";
export {
  conversationUpdates,
  type ConversationLiveEvent,
  type ConversationLiveEventData,
  type ConversationLiveEvents,
  type ConversationLiveEventType,
} from "./live-events";
export { recordInboxActivity, type InboxActivityType } from "./write/inbox-activities";
export type { ReadMessageRow } from "./write/reads";
export { setLastMessage } from "./write/last-message";
