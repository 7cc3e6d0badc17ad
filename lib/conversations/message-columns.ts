// The kinds of a message row's columns, for the statements that return messages (lib/db/statement.ts): the read
// model's writes here, the thread and the outbox in lib/inbox and lib/outbox.
export const MESSAGE_COLUMN_KINDS = {
  id: "string",
  conversationId: "string",
  // Always set on what the webhooks write; null on an outbox message SunCo has not taken yet.
  suncoMessageId: "string?",
  clientMessageId: "string?",
  authorType: "string",
  authorDisplayName: "string?",
  authorAvatarUrl: "string?",
  contentType: "string",
  content: "json?",
  text: "string",
  sourceType: "string?",
  deleted: "boolean",
  receivedAt: "Date",
  deliveryStatus: "string",
  deliveryError: "string?",
} as const;
