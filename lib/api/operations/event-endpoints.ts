// /api/v1/event-endpoints: the organization's event endpoints and their delivery logs, as on Settings → Event
// endpoints, for API keys with the manage scope.
import { z } from "zod";
import {
  createEndpoint, createEndpointSchema, deleteEndpoint, endpointIdSchema, getEndpoint, listDeliveries, listEndpoints, resendDelivery,
  resendFailedDeliveries, rotateEndpointSecret, sendTestEvent, updateEndpoint, updateEndpointSchema, type DeliveryView, type EndpointView,
} from "@/lib/partner-events";
import { defineOperation } from "../operation";

const TAG = "Event endpoints";
const iso = (value: Date | null) => value?.toISOString() ?? null;
const timestamp = z.string().meta({ description: "ISO 8601." });

const endpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.string()).meta({ description: "The event types it receives; empty: every type." }),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().meta({ description: "Why it is disabled: by whom, or the failures that disabled it." }),
    disabledAt: timestamp.nullable(),
    failingSince: timestamp.nullable().meta({ description: "Every attempt has failed since then; 24 hours of it disables the endpoint." }),
    previousSecretExpiresAt: timestamp.nullable().meta({ description: "Until then, deliveries are signed with the previous secret too." }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "EventEndpoint" });

const withSecretSchema = z
  .object({
    endpoint: endpointSchema,
    secret: z.string().meta({ description: "The signing secret (whsec_…), shown this once: verify `webhook-signature` with it." }),
  })
  .meta({ id: "EventEndpointWithSecret" });

const deliverySchema = z
  .object({
    id: z.string(),
    eventId: z.string().meta({ description: "Sent as `webhook-id`." }),
    eventType: z.string(),
    sequence: z.string(),
    conversationId: z.string().nullable(),
    state: z.enum(["pending", "succeeded", "failed"]),
    attempts: z.number().int(),
    nextAttemptAt: timestamp,
    lastAttemptAt: timestamp.nullable(),
    responseStatus: z.number().int().nullable(),
    responseExcerpt: z.string().nullable().meta({ description: "The start (at most 1 KB) of the endpoint's last answer." }),
    latencyMs: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: timestamp.nullable(),
    createdAt: timestamp,
    requestBody: z.string().meta({ description: "The body every attempt sends, byte for byte." }),
  })
  .meta({ id: "EventDelivery" });

const endpointOut = (endpoint: EndpointView) => ({
  ...endpoint,
  disabledAt: iso(endpoint.disabledAt),
  failingSince: iso(endpoint.failingSince),
  previousSecretExpiresAt: iso(endpoint.previousSecretExpiresAt),
  createdAt: endpoint.createdAt.toISOString(),
  updatedAt: endpoint.updatedAt.toISOString(),
});

const deliveryOut = (delivery: DeliveryView) => ({
  ...delivery,
  state: delivery.state as "pending" | "succeeded" | "failed",
  nextAttemptAt: delivery.nextAttemptAt.toISOString(),
  lastAttemptAt: iso(delivery.lastAttemptAt),
  deliveredAt: iso(delivery.deliveredAt),
  createdAt: delivery.createdAt.toISOString(),
});

const endpointParams = z.object({ endpointId: endpointIdSchema.meta({ description: "The endpoint's id." }) });
const deliveryParams = endpointParams.extend({ deliveryId: z.uuid({ error: "is not a delivery" }).meta({ description: "The delivery's id." }) });

export const listEventEndpoints = defineOperation({
  id: "listEventEndpoints", method: "get", path: "/event-endpoints", tag: TAG, scope: "manage",
  summary: "List the organization's event endpoints",
  response: z.object({ endpoints: z.array(endpointSchema) }),
  run: async (ctx) => ({ endpoints: (await listEndpoints(ctx)).map(endpointOut) }),
});

export const createEventEndpoint = defineOperation({
  id: "createEventEndpoint", method: "post", path: "/event-endpoints", tag: TAG, scope: "manage", status: 201,
  summary: "Create an event endpoint",
  description: "Answers the endpoint with its signing secret, which is never shown again (rotate it to get a new one).",
  body: createEndpointSchema,
  response: withSecretSchema,
  run: async (ctx, { body }) => {
    const { endpoint, secret } = await createEndpoint(ctx, body);
    return { endpoint: endpointOut(endpoint), secret };
  },
});

export const getEventEndpoint = defineOperation({
  id: "getEventEndpoint", method: "get", path: "/event-endpoints/{endpointId}", tag: TAG, scope: "manage",
  summary: "Get an event endpoint",
  params: endpointParams,
  response: endpointSchema,
  run: async (ctx, { params }) => endpointOut(await getEndpoint(ctx, params.endpointId)),
});

export const updateEventEndpoint = defineOperation({
  id: "updateEventEndpoint", method: "patch", path: "/event-endpoints/{endpointId}", tag: TAG, scope: "manage",
  summary: "Change an event endpoint's URL, description, event types, or enable / disable it",
  params: endpointParams,
  body: updateEndpointSchema.omit({ endpointId: true }),
  response: endpointSchema,
  run: async (ctx, { params, body }) => endpointOut(await updateEndpoint(ctx, { ...body, endpointId: params.endpointId })),
});

export const deleteEventEndpoint = defineOperation({
  id: "deleteEventEndpoint", method: "delete", path: "/event-endpoints/{endpointId}", tag: TAG, scope: "manage",
  summary: "Delete an event endpoint and its delivery log",
  params: endpointParams,
  response: z.object({ deleted: z.literal(true) }),
  run: async (ctx, { params }) => {
    await deleteEndpoint(ctx, params.endpointId);
    return { deleted: true as const };
  },
});

export const rotateEventEndpointSecret = defineOperation({
  id: "rotateEventEndpointSecret", method: "post", path: "/event-endpoints/{endpointId}/rotate-secret", tag: TAG, scope: "manage",
  summary: "Rotate an endpoint's signing secret",
  description: "Deliveries are signed with both secrets (two `v1,` signatures) for `overlapHours` (default 24), so the receiver can switch over.",
  params: endpointParams,
  body: z.object({ overlapHours: z.number().int().min(0).max(72).default(24) }).optional(),
  response: withSecretSchema,
  run: async (ctx, { params, body }) => {
    const { endpoint, secret } = await rotateEndpointSecret(ctx, { endpointId: params.endpointId, overlapHours: body?.overlapHours ?? 24 });
    return { endpoint: endpointOut(endpoint), secret };
  },
});

export const testEventEndpoint = defineOperation({
  id: "testEventEndpoint", method: "post", path: "/event-endpoints/{endpointId}/test", tag: TAG, scope: "manage", status: 202,
  summary: "Send an endpoint.test event to the endpoint",
  params: endpointParams,
  response: z.object({ deliveryId: z.string() }),
  run: (ctx, { params }) => sendTestEvent(ctx, params.endpointId),
});

export const listEventDeliveries = defineOperation({
  id: "listEventDeliveries", method: "get", path: "/event-endpoints/{endpointId}/deliveries", tag: TAG, scope: "manage",
  summary: "An endpoint's delivery log, newest first",
  params: endpointParams,
  query: z.object({
    state: z.enum(["pending", "succeeded", "failed"]).optional(),
    eventType: z.string().max(100).optional(),
    before: z.string().max(200).optional().meta({ description: "`next` of the previous page." }),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  }),
  response: z.object({ deliveries: z.array(deliverySchema), next: z.string().nullable() }),
  run: async (ctx, { params, query }) => {
    const page = await listDeliveries(ctx, { ...query, endpointId: params.endpointId });
    return { deliveries: page.deliveries.map(deliveryOut), next: page.next };
  },
});

export const resendEventDelivery = defineOperation({
  id: "resendEventDelivery", method: "post", path: "/event-endpoints/{endpointId}/deliveries/{deliveryId}/resend", tag: TAG, scope: "manage", status: 202,
  summary: "Send one delivery again",
  params: deliveryParams,
  response: z.object({ resent: z.literal(1) }),
  run: async (ctx, { params }) => {
    await resendDelivery(ctx, params);
    return { resent: 1 as const };
  },
});

export const resendFailedEventDeliveries = defineOperation({
  id: "resendFailedEventDeliveries", method: "post", path: "/event-endpoints/{endpointId}/deliveries/resend-failed", tag: TAG, scope: "manage", status: 202,
  summary: "Send every failed delivery created in [from, to) again",
  params: endpointParams,
  body: z
    .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
    .refine((range) => new Date(range.from) < new Date(range.to), { message: "must be after from", path: ["to"] }),
  response: z.object({ resent: z.number().int() }),
  run: (ctx, { params, body }) => resendFailedDeliveries(ctx, { endpointId: params.endpointId, from: new Date(body.from), to: new Date(body.to) }),
});

export const EVENT_ENDPOINT_OPERATIONS = [
  listEventEndpoints, createEventEndpoint, getEventEndpoint, updateEventEndpoint, deleteEventEndpoint, rotateEventEndpointSecret,
  testEventEndpoint, listEventDeliveries, resendEventDelivery, resendFailedEventDeliveries,
];
