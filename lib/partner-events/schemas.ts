// The inputs of event endpoint management, shared by Settings → Event endpoints and /api/v1/event-endpoints.
import { z } from "zod";
import { endpointUrlProblem } from "./address-guard";
import { SUBSCRIBABLE_EVENT_TYPES } from "./event-types";

const eventTypes = z
  .array(z.enum(SUBSCRIBABLE_EVENT_TYPES as [string, ...string[]]))
  .max(SUBSCRIBABLE_EVENT_TYPES.length)
  .transform((types) => [...new Set(types)])
  .describe("The event types it receives; empty: every type.");

const url = z
  .string()
  .trim()
  .max(2000)
  .superRefine((value, ctx) => {
    const problem = endpointUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .describe("Where events are POSTed: https, on a public address.");

export const endpointIdSchema = z.uuid({ error: "is not an endpoint" });

export const createEndpointSchema = z.object({
  url,
  description: z.string().trim().max(200).default(""),
  eventTypes: eventTypes.default([]),
});
export type CreateEndpointInput = z.infer<typeof createEndpointSchema>;

export const updateEndpointSchema = z.object({
  endpointId: endpointIdSchema,
  url: url.optional(),
  description: z.string().trim().max(200).optional(),
  eventTypes: eventTypes.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateEndpointInput = z.infer<typeof updateEndpointSchema>;

export const rotateSecretSchema = z.object({
  endpointId: endpointIdSchema,
  /** How long the old secret keeps signing too, so receivers can switch over. */
  overlapHours: z.coerce.number().int().min(0).max(72).default(24),
});
export type RotateSecretInput = z.infer<typeof rotateSecretSchema>;

export const deliveryFilterSchema = z.object({
  endpointId: endpointIdSchema,
  state: z.enum(["pending", "succeeded", "failed"]).optional(),
  eventType: z.string().max(100).optional(),
  before: z.string().max(200).optional().describe("The cursor of the previous page."),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type DeliveryFilter = z.infer<typeof deliveryFilterSchema>;

export const resendOneSchema = z.object({ endpointId: endpointIdSchema, deliveryId: z.uuid({ error: "is not a delivery" }) });
export type ResendOneInput = z.infer<typeof resendOneSchema>;

export const resendFailedSchema = z
  .object({ endpointId: endpointIdSchema, from: z.coerce.date(), to: z.coerce.date() })
  .refine((range) => range.from < range.to, { message: "must be after from", path: ["to"] });
export type ResendFailedInput = z.infer<typeof resendFailedSchema>;
