// What /api/v1 answers with, as zod schemas (the OpenAPI document's components): the partner's view of connections,
// conversations, messages, notes and thread activity. Answers are checked against these before they leave.
import { z } from "zod";

const dateTime = z.string().meta({ format: "date-time" });
const dateOf = (value: Date | string) => new Date(value).toISOString();
export const iso = (value: Date | string | null) => (value === null ? null : dateOf(value));

export const connectionView = z
  .object({
    id: z.string(),
    appId: z.string().meta({ description: "The SunCo app's id." }),
    appName: z.string(),
    externalId: z.string().nullable().meta({ description: "The partner's own id for this tenant; unique in the organization." }),
    displayName: z.string().nullable(),
    name: z.string().meta({ description: "displayName where set, else appName." }),
    state: z.enum(["active", "needs_reauth", "revoked", "error"]),
    stateReason: z.string().nullable(),
    lastEventAt: dateTime.nullable(),
    createdAt: dateTime,
  })
  .meta({ id: "Connection" });

export const conversationView = z
  .object({
    id: z.string(),
    connectionId: z.string(),
    connectionName: z.string(),
    connectionState: z.string(),
    status: z.enum(["open", "pending", "resolved", "snoozed"]),
    assigneeId: z.string().nullable(),
    assigneeName: z.string().nullable(),
    unreadCount: z.number().int(),
    lastMessagePreview: z.string().nullable(),
    lastMessageAuthorType: z.string().nullable(),
    lastActivityAt: dateTime,
    channelType: z.string().nullable(),
    endUserName: z.string(),
    endUserEmail: z.string().nullable(),
    endUserAvatarUrl: z.string().nullable(),
  })
  .meta({ id: "Conversation" });

export const messageView = z
  .object({
    kind: z.literal("message"),
    id: z.string(),
    conversationId: z.string(),
    clientMessageId: z.string().nullable(),
    suncoMessageId: z.string().nullable(),
    authorType: z.string().meta({ description: "user, business (an agent, an API key or a bot)." }),
    authorDisplayName: z.string().nullable(),
    contentType: z.string(),
    content: z.unknown().meta({ description: "SunCo message content." }),
    text: z.string(),
    receivedAt: dateTime,
    deliveryStatus: z.string().meta({ description: "sending, sent, delivered, read or failed (agent and API messages)." }),
    deliveryError: z.string().nullable(),
  })
  .meta({ id: "Message" });

export const channelLinkView = z
  .object({
    id: z.string(),
    channelType: z.string().meta({ description: "whatsapp, twilio, messagebird or mailgun." }),
    target: z.string().meta({ description: "The phone number or email address linked." }),
    state: z.enum(["pending", "linked", "failed"]),
    failureReason: z.string().nullable(),
    createdAt: dateTime,
    settledAt: dateTime.nullable(),
  })
  .meta({ id: "ChannelLink" });

export const noteView = z
  .object({ kind: z.literal("note"), id: z.string(), authorId: z.string().nullable(), authorName: z.string(), text: z.string(), createdAt: dateTime })
  .meta({ id: "Note" });

export const activityView = z
  .object({ kind: z.literal("activity"), id: z.string(), type: z.string(), data: z.record(z.string(), z.unknown()), occurredAt: dateTime })
  .meta({ id: "Activity" });

export const timelineItemView = z.discriminatedUnion("kind", [messageView, noteView, activityView]).meta({ id: "TimelineItem" });

/** A keyset page: its items and the cursor to the next one, under the name the operation's parameter has. */
export function page<S extends z.ZodType, C extends "next" | "before">(item: S, cursor: C, description: string) {
  const shape = { items: z.array(item), [cursor]: z.string().nullable().meta({ description }) };
  return z.object(shape as { items: z.ZodArray<S> } & { [K in C]: z.ZodNullable<z.ZodString> });
}
