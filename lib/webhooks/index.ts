// Webhook ingestion: receiving SunCo's deliveries, and the workers that turn stored events into the read model.
export { deliveryOfRequest, MAX_WEBHOOK_BODY_BYTES, receiveWebhook, type IncomingDelivery } from "./receive-webhook";
export { answerWebhookDelivery } from "./intake-server";
export type { StoreResult } from "./store-events";
export { forgetWebhookConnections } from "./webhook-connections";
export { drainWebhookEvents, MAX_ATTEMPTS, processWebhookEvents, startWebhookWorker, stopWebhookWorker } from "./worker";
export { listWebhookEvents, type EventLogEntry, type EventLogPage } from "./event-log";
export { replayFailedWebhookEvents, replayWebhookEvent } from "./replay";
export { eventLogFilterSchema, replayEventSchema, replayFailedFormSchema, replayFailedSchema, WEBHOOK_EVENT_STATES, type EventLogFilter } from "./schemas";
