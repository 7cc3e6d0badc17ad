// The events an organization's endpoints receive: one zod schema per type's `data`, and the envelope every delivery's
// body is. The same schemas build the OpenAPI document's `webhooks` section, so what is sent and what is documented
// cannot drift apart.
import { z } from "zod";

const connectionState = z.enum(["active", "needs_reauth", "revoked", "error"]);

export const eventConnectionSchema = z
  .object({
    id: z.string(),
    appId: z.string().describe("The SunCo app's id."),
    appName: z.string(),
    state: connectionState,
    stateReason: z.string().nullable().describe("Why it is not active, in words."),
  })
  .describe("A SunCo app connected to Sunbridge.");

export const eventConversationSchema = z
  .object({
    id: z.string().describe("Sunbridge's id of the conversation."),
    connectionId: z.string(),
    suncoConversationId: z.string(),
    status: z.enum(["open", "pending", "resolved", "snoozed"]),
    assigneeId: z.string().nullable().describe("The member it is assigned to, or null."),
  })
  .describe("A conversation as Sunbridge holds it.");

export const eventMessageSchema = z
  .object({
    id: z.string().describe("Sunbridge's id of the message."),
    suncoMessageId: z.string().nullable().describe("SunCo's id; null until SunCo has accepted a message sent from Sunbridge."),
    origin: z
      .enum(["end_user", "agent", "api", "bot"])
      .describe("Who wrote it: the end user, a member in the inbox, the partner's API key, or another business integration."),
    authorDisplayName: z.string().nullable(),
    contentType: z.string(),
    content: z.unknown().describe("The content exactly as SunCo holds it (text, image, file, carousel …)."),
    text: z.string().describe("A plain-text rendering of the content."),
    receivedAt: z.string().describe("ISO 8601."),
  })
  .describe("A message of a conversation.");

const statusSchema = z
  .enum(["sent", "delivered", "read", "failed"])
  .describe(
    "`sent`: SunCo took it; `delivered`: the channel or the end user's device has it (`detail`); `failed`: the channel " +
      "refused it (`reason`); `read`: the end user read the conversation (SunCo's conversation:read), which covers this " +
      "business message and every one before it: one event per read, naming the latest message it newly covers.",
  );

/** Every event type and the schema of its `data`. */
export const EVENT_DATA_SCHEMAS = {
  "connection.created": z.object({ connection: eventConnectionSchema }),
  "connection.status_changed": z.object({ connection: eventConnectionSchema, previousState: connectionState }),
  "conversation.created": z.object({ conversation: eventConversationSchema }),
  "conversation.updated": z.object({
    conversation: eventConversationSchema,
    changed: z
      .array(z.enum(["status", "assignee"]))
      .describe("What this change was about: a member, a key, auto-assignment, a snooze or its end, or an end user's message reopening a pending, snoozed or resolved conversation."),
  }),
  "message.created": z
    .object({ conversationId: z.string(), connectionId: z.string(), message: eventMessageSchema })
    .describe("A new message. Not sent for a conversation's history fetched when Sunbridge first hears of it (read it with the timeline operation)."),
  "message.status_changed": z.object({
    conversationId: z.string(),
    messageId: z.string(),
    suncoMessageId: z.string().nullable(),
    status: statusSchema,
    detail: z
      .enum(["channel", "user"])
      .optional()
      .describe("For `delivered`: reached the channel (e.g. WhatsApp's servers) or the end user's device."),
    reason: z.string().nullable().describe("Why it failed, for `failed`; otherwise null."),
  }),
  "conversation.handoff": z.object({
    conversationId: z.string(),
    activeSwitchboardIntegration: z.unknown().describe("The switchboard integration that now controls the conversation."),
    pendingSwitchboardIntegration: z.unknown().describe("An integration offered control, if any."),
  }),
  "endpoint.test": z.object({ message: z.string() }).describe("Sent by \"send test event\"; never by anything else."),
} as const;

export type PartnerEventType = keyof typeof EVENT_DATA_SCHEMAS;
export const PARTNER_EVENT_TYPES = Object.keys(EVENT_DATA_SCHEMAS) as PartnerEventType[];
/** The types an endpoint may subscribe to (the test event reaches every endpoint it is sent to). */
export const SUBSCRIBABLE_EVENT_TYPES = PARTNER_EVENT_TYPES.filter((type) => type !== "endpoint.test");

export type PartnerEventData<Type extends PartnerEventType> = z.input<(typeof EVENT_DATA_SCHEMAS)[Type]>;

/** An event to record, in the transaction of the change that caused it. */
export type PartnerEventInput = {
  [Type in PartnerEventType]: { organizationId: string; type: Type; conversationId?: string | null; data: PartnerEventData<Type> };
}[PartnerEventType];

/** The body of every delivery. */
export function eventEnvelopeSchema<Type extends PartnerEventType>(type: Type) {
  return z.object({
    id: z.string().describe("The event's id, also sent as `webhook-id`: the same on every retry and resend of it."),
    type: z.literal(type),
    sequence: z
      .string()
      .describe(
        "Increases with each event of the organization, in the order the changes were committed. Deliveries are retried " +
          "independently, so they may arrive out of order: sort a conversation's events by this (a decimal integer string).",
      ),
    timestamp: z.string().describe("When the change happened (ISO 8601)."),
    organizationId: z.string(),
    data: EVENT_DATA_SCHEMAS[type],
  });
}
