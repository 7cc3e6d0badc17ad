// Outbound events to the partner's endpoints: their types, recording them with the change that caused them,
// delivering them signed, and managing endpoints and their delivery logs.
export { endpointUrlProblem, isPrivateAddress } from "./address-guard";
export { attemptDeliveries, eventBody, signatureHeader } from "./deliver";
export { listDeliveries, resendDelivery, resendFailedDeliveries, sendTestEvent, type DeliveryView } from "./deliveries";
export {
  createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, rotateEndpointSecret, updateEndpoint,
  requireEndpointAuthority, type EndpointView,
} from "./endpoints";
export * from "./event-types";
export { EVENT_DELIVERY_QUEUE } from "./queue";
export { queueRecordedDeliveries, recordPartnerEvents, recordPartnerEventsWithPrisma, requeueLostDeliveries } from "./record";
export { deliveryClock, retryDelayMs, RETRY_WINDOW_MS } from "./schedule";
export * from "./schemas";
export { conversationUpdatedEvents, eventConversation, partnerEventsOf } from "./from-read-model";
