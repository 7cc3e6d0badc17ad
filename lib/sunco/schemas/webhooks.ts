// Webhooks: where SunCo POSTs events, for which triggers. (The events themselves are in ./events.)
import { z } from "zod";
import { webUrlSchema, wrapped } from "./common";

/** The spec's trigger table, in its order. `passthrough:messaging` is the one trigger without an event schema. */
export const WEBHOOK_TRIGGERS = [
  "client:add",
  "client:remove",
  "client:update",
  "conversation:create",
  "conversation:join",
  "conversation:leave",
  "conversation:remove",
  "conversation:message",
  "conversation:message:delivery:channel",
  "conversation:message:delivery:failure",
  "conversation:message:delivery:user",
  "conversation:postback",
  "conversation:read",
  "conversation:referral",
  "passthrough:messaging",
  "conversation:typing",
  "switchboard:acceptControl",
  "switchboard:acceptControl:failure",
  "switchboard:offerControl",
  "switchboard:offerControl:failure",
  "switchboard:passControl",
  "switchboard:passControl:failure",
  "switchboard:releaseControl",
  "user:merge",
  "user:update",
  "user:remove",
] as const;

export type WebhookTrigger = (typeof WEBHOOK_TRIGGERS)[number];

export const webhookTriggerSchema = z.enum(WEBHOOK_TRIGGERS);

/** The shared secret SunCo sends as `X-API-Key` is returned on create, get, list and update. */
export const webhookSchema = z.looseObject({
  id: z.string(),
  /** v1, v1.1 or v2; webhooks created through the v2 API are v2. */
  version: z.string().optional(),
  target: z.string(),
  // Not the trigger enum: webhooks made through older API versions may hold triggers v2 doesn't list.
  triggers: z.array(z.string()),
  secret: z.string().optional(),
  includeFullUser: z.boolean().optional(),
  includeFullSource: z.boolean().optional(),
});

const webhookFields = {
  target: webUrlSchema,
  /** Case sensitive. */
  triggers: z.array(webhookTriggerSchema),
  /** Include the complete user in events about a user. */
  includeFullUser: z.boolean().optional(),
  /** Include the client and device in event sources. */
  includeFullSource: z.boolean().optional(),
};

export const webhookCreateBodySchema = z.object(webhookFields);
export const webhookUpdateBodySchema = webhookCreateBodySchema.partial();

export const webhookResponseSchema = wrapped("webhook", webhookSchema);
/** Not paginated: an app has at most 10 webhooks. */
export const webhookListResponseSchema = wrapped("webhooks", z.array(webhookSchema));

export type Webhook = z.infer<typeof webhookSchema>;
export type WebhookCreateBody = z.input<typeof webhookCreateBodySchema>;
