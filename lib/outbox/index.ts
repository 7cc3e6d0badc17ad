// The durable outbox: messages agents send, stored with their optimistic thread entry and sent by a worker, never twice.
export { composedContentSchema, composeSchema, MAX_ACTIONS, type ComposedAction, type ComposeInput } from "./schemas";
export { sendMessage } from "./send-message";
export { retryOutboxMessage } from "./retry-message";
export { OUTBOX_QUEUE, type OutboxJob } from "./queue";
export { deliverOutboxMessage, MAX_ATTEMPTS } from "./deliver";
export { registerOutboxMetrics, requeueStalledOutboxMessages } from "./monitoring";
export { writeOutgoing, type OutgoingMessage } from "./send-message";
