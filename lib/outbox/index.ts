// The durable outbox: messages agents send, stored with their optimistic thread entry and sent by a worker, never twice.
export {
  composedContentSchema,
  composeSchema,
  MAX_ACTIONS,
  templateMessageSchema,
  type ComposedAction,
  type ComposedContent,
  type ComposeInput,
  type TemplateMessage,
} from "./schemas";
export { contentOf, postBodyOf } from "./content";
export { sendMessage } from "./send-message";
export { retryOutboxMessage } from "./retry-message";
export { OUTBOX_QUEUE, type OutboxJob } from "./queue";
export { deliverOutboxMessage, MAX_ATTEMPTS } from "./deliver";
export { registerOutboxMetrics, requeueStalledOutboxMessages } from "./monitoring";
export { writeOutgoing, type OutgoingMessage } from "./send-message";
