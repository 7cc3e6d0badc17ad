// The agent inbox: the conversation list, threads and side panel, and Sunbridge's own state of conversations
// (assignment, status, read, drafts, notes, saved replies), plus switchboard handoff and typing relayed to SunCo.
export { ASSIGNEE_FILTERS, CONVERSATION_STATUSES, inboxFilterSchema, SETTABLE_STATUSES, type ConversationStatus, type InboxFilter } from "./schemas";
export {
  LABEL_COLORS,
  labelSchema,
  MAX_SELECTION,
  selectionAssignSchema,
  selectionLabelSchema,
  selectionSnoozeSchema,
  selectionStatusSchema,
  updateLabelSchema,
  type LabelColor,
  type SettableStatus,
} from "./schemas";
export { createLabel, deleteLabel, listLabels, updateLabel, type Label } from "./labels";
export { assignConversations, labelConversations, setConversationsStatus, snoozeConversations } from "./selection";
export { reopenDueSnoozes, startSnoozeSweep, stopSnoozeSweep, type SnoozeClock } from "./snoozes";
export {
  assignSchema,
  conversationIdSchema,
  MAX_TEXT_LENGTH,
  draftSchema,
  noteSchema,
  passControlSchema,
  savedReplySchema,
  statusSchema,
  timelineQuerySchema,
  typingSchema,
  updateSavedReplySchema,
} from "./schemas";
export {
  conversationForJob,
  findConversation,
  findConversations,
  readOnlyReason,
  UUID,
  writableConversation,
  type ConversationRef,
} from "./conversation-access";
export {
  conversationSummary,
  INBOX_PAGE_SIZE,
  listConversations,
  queryConversations,
  type ConversationQuery,
  type ConversationSummary,
  type InboxPage,
} from "./list-conversations";
export { getTimeline, threadMessage, TIMELINE_PAGE_SIZE, type ThreadActivity, type ThreadMessage, type ThreadNote, type TimelineItem, type TimelinePage } from "./timeline";
export { getConversationDetails, type ConversationDetails, type EndUserDetails } from "./conversation-details";
export { listAssignableMembers, type AssignableMember } from "./assignable-members";
export { assignConversation, setConversationStatus } from "./conversation-state";
export { markConversationRead, READ_RECEIPT_QUEUE, sendReadReceipt } from "./read-receipts";
export { discardDraft, saveDraft } from "./drafts";
export { addNote } from "./notes";
export { createSavedReply, deleteSavedReply, listSavedReplies, updateSavedReply, type SavedReply } from "./saved-replies";
export { renderSavedReply, SAVED_REPLY_VARIABLES, type SavedReplyValues } from "./saved-reply-variables";
export { createMessageTemplate, deleteMessageTemplate, listMessageTemplates, updateMessageTemplate } from "./message-templates";
export {
  messageTemplateSchema,
  parameterLines,
  updateMessageTemplateSchema,
  type MessageTemplate,
  type MessageTemplateInput,
  type TemplateParameterSpec,
} from "./template-schemas";
export { signalTyping } from "./typing";
export {
  acceptControl,
  handoffState,
  listHandoffTargets,
  offerControl,
  passControl,
  releaseControl,
  type HandoffState,
  type HandoffTarget,
} from "./handoff";
export { endUserName } from "./names";
export { uploadAttachment, type UploadedAttachment } from "./attachments";
export { ACCEPTED_TYPES, checkAttachment, MAX_ATTACHMENT_BYTES } from "./attachment-rules";
