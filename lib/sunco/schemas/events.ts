// Webhook deliveries: the envelope SunCo POSTs, and the 25 event types the spec describes under x-webhooks.
//
// Ingestion never rejects an event for its type or shape: the envelope parses every event as a generic
// `{ id, type, createdAt, payload }`, and `classifyWebhookEvent` then tells a known event (typed) from one of a type
// the spec has no schema for (`passthrough:messaging`, or anything newer) and from a known type whose payload
// isn't what the spec says. The last two are stored and skipped, not refused: a refused delivery is lost. Only ids
// and types no SunCo event could have (too long, or text a database cannot keep as it came) refuse the delivery.
import { z } from "zod";
import { clientSchema } from "./clients";
import { metadataSchema, timestampSchema } from "./common";
import { conversationTruncatedSchema } from "./conversations";
import { describeIssues } from "./issues";
import { authorWebhookSchema, messageWebhookSchema, sourceSchema, sourceWithCampaignSchema } from "./messages";
import { userSchema, userTruncatedSchema } from "./users";
import { WEBHOOK_TRIGGERS, type WebhookTrigger } from "./webhooks";

/** SunCo's ids are 24 characters and its longest trigger 37: room to spare, not room for a payload. */
export const WEBHOOK_IDENTIFIER_MAX_LENGTH = 100;

/**
 * An event's id or type, or a webhook's id: stored as text and indexed. No control characters (PostgreSQL refuses
 * \u0000) and no unpaired surrogates (stored as U+FFFD, two different ids would become one).
 */
const webhookIdentifierSchema = z
  .string()
  .min(1, "must not be empty")
  .max(WEBHOOK_IDENTIFIER_MAX_LENGTH, `must be at most ${WEBHOOK_IDENTIFIER_MAX_LENGTH} characters`)
  .regex(/^[^\p{Cc}\p{Cs}]*$/u, "must not contain control characters or unpaired surrogates");

/** Any event, as the envelope carries it. */
export const webhookEventSchema = z.looseObject({
  /** Deduplicate on it: retries deliver the same event again. */
  id: webhookIdentifierSchema,
  /** One of the webhook's triggers. */
  type: webhookIdentifierSchema,
  createdAt: z.string().optional(),
  payload: z.unknown().optional(),
});

/** One POST may carry several events, from different users and conversations. */
export const webhookEnvelopeSchema = z.looseObject({
  app: z.looseObject({ id: z.string() }),
  webhook: z.looseObject({ id: webhookIdentifierSchema, version: z.string().optional() }),
  events: z.array(webhookEventSchema),
});

export type WebhookEvent = z.infer<typeof webhookEventSchema>;
export type WebhookEnvelope = z.infer<typeof webhookEnvelopeSchema>;

function event<T extends WebhookTrigger, P extends z.ZodRawShape>(type: T, payload: P) {
  return z.looseObject({
    id: z.string(),
    type: z.literal(type),
    createdAt: timestampSchema,
    payload: z.looseObject(payload),
  });
}

/** What went wrong, e.g. `{ code: "switchboard_invalid_target", message }` (note: `message`, not `title`). */
const eventErrorSchema = z.looseObject({ code: z.string().optional(), message: z.string().optional() });

const deliveryShape = {
  user: userSchema.optional(),
  conversation: conversationTruncatedSchema,
  message: z.looseObject({ id: z.string() }),
  /** The channel the message went to: web, ios, messenger, twilio, api, notification, … */
  destination: z.looseObject({ type: z.string(), integrationId: z.string().optional() }),
  /** The channel's ids for the message, in no guaranteed order; absent for channels that don't expose them. */
  externalMessages: z.array(z.looseObject({ id: z.string() })).nullable().optional(),
  /** The last delivery event for this message and destination type. */
  isFinalEvent: z.boolean().optional(),
};

const activitySchema = z.looseObject({
  type: z.enum(["conversation:read", "typing:start", "typing:stop"]),
  source: sourceSchema.optional(),
  author: authorWebhookSchema.optional(),
});

const referralSchema = z.looseObject({
  code: z.string().optional(),
  details: z
    .looseObject({
      /** MESSENGER_CODE, ADS, … */
      source: z.string().optional(),
      type: z.string().optional(),
      adId: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});

const controlReasonSchema = z.enum(["ticketClosed", "transferToEmail"]);

/** The conversation the switchboard action was on, with its active/pending switchboard integrations afterwards. */
const switchboardShape = { conversation: conversationTruncatedSchema, metadata: metadataSchema.optional() };
const switchboardFailureShape = { ...switchboardShape, error: eventErrorSchema.optional() };

const surviving = <S extends z.ZodType>(schema: S) => z.looseObject({ surviving: schema, discarded: schema });

/** Event type → schema, for the 25 triggers the spec gives a schema. */
export const webhookEventSchemas = {
  "client:add": event("client:add", {
    /** Only for a channel link with a target conversation. */
    conversation: conversationTruncatedSchema.nullable().optional(),
    user: userTruncatedSchema,
    client: clientSchema,
    reason: z.enum(["channelLinking", "sdkLogin", "authCode"]).optional(),
    source: sourceSchema.optional(),
  }),
  "client:remove": event("client:remove", {
    /** Only for theft, linkCancelled and linkFailed. */
    conversation: conversationTruncatedSchema.nullable().optional(),
    user: userTruncatedSchema,
    client: clientSchema,
    reason: z.enum(["api", "linkCancelled", "linkFailed", "sdk", "theft"]).optional(),
    /** Only for linkCancelled and linkFailed. */
    error: eventErrorSchema.nullable().optional(),
    source: sourceSchema.optional(),
  }),
  "client:update": event("client:update", {
    conversation: conversationTruncatedSchema.optional(),
    user: userTruncatedSchema,
    client: clientSchema,
    reason: z.enum(["confirmed", "blocked", "unblocked", "matched"]).optional(),
  }),
  "conversation:create": event("conversation:create", {
    conversation: conversationTruncatedSchema,
    creationReason: z
      .enum(["linkRequest", "message", "none", "notification", "prechatCapture", "startConversation", "proactiveMessaging"])
      .optional(),
    source: sourceWithCampaignSchema.optional(),
    /** Personal conversations only; ListParticipants gives an sdkGroup's users. */
    user: userSchema.nullable().optional(),
    referral: referralSchema.nullable().optional(),
  }),
  "conversation:join": event("conversation:join", { conversation: conversationTruncatedSchema, user: userTruncatedSchema }),
  "conversation:leave": event("conversation:leave", { conversation: conversationTruncatedSchema, user: userTruncatedSchema }),
  "conversation:remove": event("conversation:remove", { conversation: conversationTruncatedSchema }),
  /** No top-level user: it is at `message.author.user`. */
  "conversation:message": event("conversation:message", {
    conversation: conversationTruncatedSchema,
    message: messageWebhookSchema,
    /** Notification API messages since the user's last message. */
    recentNotifications: z.array(messageWebhookSchema).optional(),
  }),
  "conversation:message:delivery:channel": event("conversation:message:delivery:channel", deliveryShape),
  "conversation:message:delivery:failure": event("conversation:message:delivery:failure", {
    ...deliveryShape,
    error: eventErrorSchema.optional(),
  }),
  "conversation:message:delivery:user": event("conversation:message:delivery:user", deliveryShape),
  "conversation:postback": event("conversation:postback", {
    postback: z.looseObject({ payload: z.string().optional(), metadata: metadataSchema.optional() }),
    conversation: conversationTruncatedSchema,
    user: userSchema.optional(),
    source: sourceWithCampaignSchema.optional(),
  }),
  "conversation:read": event("conversation:read", { conversation: conversationTruncatedSchema, activity: activitySchema }),
  // Spec contradiction: its example has no createdAt, which every other event has.
  "conversation:referral": event("conversation:referral", {
    conversation: conversationTruncatedSchema,
    user: userSchema.optional(),
    source: sourceWithCampaignSchema.optional(),
    referral: referralSchema.optional(),
  }).extend({ createdAt: timestampSchema.optional() }),
  "conversation:typing": event("conversation:typing", { conversation: conversationTruncatedSchema, activity: activitySchema }),
  "switchboard:acceptControl": event("switchboard:acceptControl", switchboardShape),
  "switchboard:acceptControl:failure": event("switchboard:acceptControl:failure", switchboardFailureShape),
  "switchboard:offerControl": event("switchboard:offerControl", switchboardShape),
  "switchboard:offerControl:failure": event("switchboard:offerControl:failure", switchboardFailureShape),
  "switchboard:passControl": event("switchboard:passControl", {
    ...switchboardShape,
    reason: controlReasonSchema.optional(),
  }),
  "switchboard:passControl:failure": event("switchboard:passControl:failure", switchboardFailureShape),
  "switchboard:releaseControl": event("switchboard:releaseControl", {
    ...switchboardShape,
    reason: controlReasonSchema.optional(),
  }),
  "user:merge": event("user:merge", {
    mergedUsers: surviving(userSchema),
    /** Omitted when no conversations were merged. */
    mergedConversations: surviving(conversationTruncatedSchema).nullable().optional(),
    /** Omitted when no clients were merged. */
    mergedClients: surviving(clientSchema).nullable().optional(),
    /** What didn't fit in the surviving user's 4 KB of metadata. */
    discardedMetadata: z.record(z.string(), z.unknown()).nullable().optional(),
    reason: z.enum(["api", "channelLinking", "sdkLogin"]).optional(),
  }),
  "user:update": event("user:update", {
    user: userSchema,
    reason: z.enum(["authentication", "localeDetection"]).optional(),
    source: sourceSchema.optional(),
  }),
  "user:remove": event("user:remove", { user: userTruncatedSchema }),
} satisfies { [T in KnownWebhookEventType]: z.ZodType<{ type: T }> };

export type KnownWebhookEventType = Exclude<WebhookTrigger, "passthrough:messaging">;

export const KNOWN_WEBHOOK_EVENT_TYPES = WEBHOOK_TRIGGERS.filter(
  (trigger): trigger is KnownWebhookEventType => trigger !== "passthrough:messaging",
);

type KnownEventSchema = (typeof webhookEventSchemas)[KnownWebhookEventType];

export const knownWebhookEventSchema = z.discriminatedUnion(
  "type",
  Object.values(webhookEventSchemas) as [KnownEventSchema, ...KnownEventSchema[]],
);

export type KnownWebhookEvent = z.infer<typeof knownWebhookEventSchema>;
export type WebhookEventOf<T extends KnownWebhookEventType> = Extract<KnownWebhookEvent, { type: T }>;

export function isKnownWebhookEventType(type: string): type is KnownWebhookEventType {
  return (KNOWN_WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}

export type ClassifiedWebhookEvent =
  | { kind: "known"; event: KnownWebhookEvent }
  /** A type without a schema in the spec: store it, don't act on it. */
  | { kind: "unknown"; event: WebhookEvent }
  /** A known type whose payload doesn't match the spec: store it with the problems, don't act on it. */
  | { kind: "invalid"; event: WebhookEvent; problems: string[] };

export function classifyWebhookEvent(event: WebhookEvent): ClassifiedWebhookEvent {
  if (!isKnownWebhookEventType(event.type)) return { kind: "unknown", event };
  const result = knownWebhookEventSchema.safeParse(event);
  if (result.success) return { kind: "known", event: result.data };
  return { kind: "invalid", event, problems: describeIssues(result.error, "event") };
}
