// What each webhook event says about users, conversations, messages and their timelines, as ReadModelChanges.
// Pure: no I/O, so the rules for all 25 event types are read (and tested) here in one place.
import { CLIENT_MESSAGE_ID_KEY } from "@/lib/sunco";
import type { KnownWebhookEvent, Message, MessageWebhook, WebhookEventOf } from "@/lib/sunco/schemas";
import { messageText } from "./message-text";
import { ReadModelChanges, type ConversationChange, type DeliveryChange, type Scope } from "./read-model-changes";

/** Events applied one by one, after everything before them in the batch, because they reshape existing rows. */
export const STRUCTURAL_EVENT_TYPES = new Set(["user:merge", "user:remove", "conversation:remove"]);

export interface EventContext extends Scope {
  suncoEventId: string;
  /** The event's createdAt, or when it was received when SunCo sent none. */
  at: Date;
}

const DELIVERY_KINDS: Record<string, DeliveryChange["kind"]> = {
  "conversation:message:delivery:channel": "delivered_to_channel",
  "conversation:message:delivery:user": "delivered_to_user",
  "conversation:message:delivery:failure": "failed",
};

/** The payload without what has rows of its own: what a timeline entry keeps of the event. */
function timelineData(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => key !== "conversation" && key !== "user"));
}

/**
 * Adds a message as a webhook carries it, or as ListMessages returns it (its author without the embedded user).
 * The SunCo client tags every message Sunbridge sends with its client message id, so the outbox's row and SunCo's
 * echo of it are recognised as one.
 */
export function addMessage(changes: ReadModelChanges, context: Scope, conversation: ConversationChange, message: MessageWebhook | Message) {
  const receivedAt = new Date(message.received);
  const { user, ...author } = message.author as MessageWebhook["author"];
  let authorSuncoUserId: string | null = null;
  if (author.type === "user") {
    authorSuncoUserId = user ? changes.user(context, user, receivedAt) : author.userId ? changes.userRef(context, author.userId) : null;
    if (authorSuncoUserId) {
      changes.userDisplayName(context, authorSuncoUserId, author.displayName, receivedAt);
      changes.endUser(conversation, authorSuncoUserId);
      if (message.source?.client) changes.client(context, authorSuncoUserId, message.source.client, receivedAt);
      if (message.source?.device) changes.device(context, authorSuncoUserId, message.source.device, receivedAt);
    }
  }
  const clientMessageId = message.metadata?.[CLIENT_MESSAGE_ID_KEY];
  changes.message({
    conversationKey: changes.conversationKey(context, conversation.suncoConversationId),
    suncoMessageId: message.id,
    clientMessageId: typeof clientMessageId === "string" ? clientMessageId : null,
    authorType: author.type,
    authorSuncoUserId,
    authorDisplayName: author.displayName ?? null,
    authorAvatarUrl: author.avatarUrl ?? null,
    author,
    contentType: message.content.type,
    content: message.content,
    text: messageText(message.content),
    sourceType: message.source?.type ?? null,
    sourceIntegrationId: message.source?.integrationId ?? null,
    source: message.source ?? null,
    metadata: message.metadata ?? null,
    quotedMessage: message.quotedMessage ?? null,
    deleted: message.deleted ?? false,
    receivedAt,
  });
}

function addTimelineEntry(
  changes: ReadModelChanges,
  context: EventContext,
  conversation: ConversationChange,
  event: KnownWebhookEvent,
  suncoUserId: string | null,
) {
  changes.activity({
    conversationKey: changes.conversationKey(context, conversation.suncoConversationId),
    suncoEventId: context.suncoEventId,
    type: event.type,
    suncoUserId,
    data: timelineData(event.payload as Record<string, unknown>),
    occurredAt: context.at,
  });
}

type HotEvent = Exclude<KnownWebhookEvent, { type: "user:merge" | "user:remove" | "conversation:remove" }>;

/** Adds one event's changes. Structural events (STRUCTURAL_EVENT_TYPES) are applied elsewhere. */
export function reduceEvent(changes: ReadModelChanges, context: EventContext, event: HotEvent) {
  const { at } = context;
  switch (event.type) {
    case "conversation:message": {
      const { conversation, message, recentNotifications } = event.payload;
      const received = new Date(message.received);
      const change = changes.conversation(context, conversation, at, { messageAt: received });
      for (const notification of recentNotifications ?? []) addMessage(changes, context, change, notification);
      addMessage(changes, context, change, message);
      return;
    }
    case "conversation:message:delivery:channel":
    case "conversation:message:delivery:user":
    case "conversation:message:delivery:failure": {
      const { payload } = event;
      const change = changes.conversation(context, payload.conversation, at);
      if (payload.user) changes.endUser(change, changes.user(context, payload.user, at));
      const error = event.type === "conversation:message:delivery:failure" ? event.payload.error : undefined;
      changes.delivery({
        conversationKey: changes.conversationKey(context, payload.conversation.id),
        suncoMessageId: payload.message.id,
        suncoEventId: context.suncoEventId,
        kind: DELIVERY_KINDS[event.type]!,
        destinationType: payload.destination.type,
        destinationIntegrationId: payload.destination.integrationId ?? null,
        externalMessageIds: (payload.externalMessages ?? []).map((external) => external.id),
        isFinal: payload.isFinalEvent ?? false,
        errorCode: error?.code ?? null,
        errorMessage: error?.message ?? null,
        occurredAt: at,
      });
      return;
    }
    case "conversation:read": {
      const { conversation, activity } = event.payload;
      const change = changes.conversation(context, conversation, at);
      if (activity.author?.user) changes.user(context, activity.author.user, at);
      // A business read (another agent tool) says nothing about what the end user has seen.
      if (activity.author?.type === "user") changes.read(change, at);
      return;
    }
    case "conversation:typing": {
      const { conversation, activity } = event.payload;
      // Ephemeral: a live signal only, nothing stored.
      changes.typingSignal({
        conversationKey: changes.conversationKey(context, conversation.id),
        suncoUserId: activity.author?.type === "user" ? (activity.author.userId ?? activity.author.user?.id ?? null) : null,
        typing: activity.type === "typing:start",
        at,
      });
      return;
    }
    case "conversation:postback":
    case "conversation:referral": {
      const { payload } = event;
      const change = changes.conversation(context, payload.conversation, at, { activityAt: at });
      const userId = payload.user ? changes.user(context, payload.user, at) : null;
      if (userId) changes.endUser(change, userId);
      addTimelineEntry(changes, context, change, event, userId);
      return;
    }
    case "conversation:create": {
      const { payload } = event;
      const change = changes.conversation(context, payload.conversation, at, { activityAt: at });
      changes.created(change, at);
      const userId = payload.user ? changes.user(context, payload.user, at) : null;
      if (userId) changes.endUser(change, userId);
      addTimelineEntry(changes, context, change, event, userId);
      return;
    }
    case "conversation:join":
    case "conversation:leave": {
      const { payload } = event;
      const change = changes.conversation(context, payload.conversation, at);
      const userId = changes.user(context, payload.user, at);
      changes.participant(
        changes.conversationKey(context, payload.conversation.id),
        userId,
        event.type === "conversation:join" ? { joinedAt: at } : { leftAt: at },
      );
      addTimelineEntry(changes, context, change, event, userId);
      return;
    }
    case "switchboard:acceptControl":
    case "switchboard:offerControl":
    case "switchboard:passControl":
    case "switchboard:releaseControl":
    case "switchboard:acceptControl:failure":
    case "switchboard:offerControl:failure":
    case "switchboard:passControl:failure": {
      // A failed action reports the conversation as it stayed; a successful one, the state it left behind.
      const succeeded = !event.type.endsWith(":failure");
      const change = changes.conversation(context, event.payload.conversation, at, { switchboardAuthoritative: succeeded });
      addTimelineEntry(changes, context, change, event, null);
      return;
    }
    case "client:add":
    case "client:update":
    case "client:remove": {
      const { payload } = event;
      const userId = changes.user(context, payload.user, at, { announce: true });
      const removedReason = event.type === "client:remove" ? (event.payload.reason ?? "removed") : null;
      changes.client(context, userId, payload.client, at, removedReason);
      if (payload.conversation) {
        const change = changes.conversation(context, payload.conversation, at);
        addTimelineEntry(changes, context, change, event, userId);
      }
      return;
    }
    case "user:update":
      changes.user(context, event.payload.user, at, { announce: true });
      return;
  }
}

export function isStructuralEvent(
  event: KnownWebhookEvent,
): event is WebhookEventOf<"user:merge"> | WebhookEventOf<"user:remove"> | WebhookEventOf<"conversation:remove"> {
  return STRUCTURAL_EVENT_TYPES.has(event.type);
}
