// The conversation read model: built from webhook events (and a first fetch of each conversation's history),
// read by the inbox.
export {
  applyWebhookEvents,
  prepareToApply,
  READ_MODEL_QUEUES,
  type ApplyResult,
  type EventOutcome,
  type StoredEvent,
} from "./apply-webhook-events";
export { CONVERSATION_HISTORY_QUEUE, fetchConversationHistory } from "./history";
export { messagePreview, messageText } from "./message-text";
export { MESSAGE_COLUMN_KINDS } from "./message-columns";
