// Messages: the 30,000-per-conversation cap, authors as SunCo shows them, conversation:message for every message,
// and, for business messages, delivery to the user's channel (delivery:channel/user/failure webhooks).
import type { SandboxContext } from "../context";
import { badRequest, SuncoApiError } from "../errors";
import { objectId } from "../ids";
import { messageView } from "../serialize";
import type { ClientRecord, ConversationRecord, Json, MessageAuthor, MessageRecord, MessageSource, Metadata, UserRecord } from "../state";
import { renderTemplate } from "../whatsapp-templates";
import { conversationMessageEvent, messageDeliveryEvent, type DeliveryOutcome } from "../webhooks/events";
import { deleteAttachmentsOf } from "./attachments";
import { normalizeContent } from "./content";
import { participantsOf } from "./conversations";

export const MESSAGE_LIMIT = 30_000;
export const DEFAULT_AVATAR_URL = "https://www.gravatar.com/avatar/00000000000000000000000000000000.png?s=200&d=mm";
/** How long a channel takes to confirm delivery (sandbox milliseconds). */
const DELIVERY_DELAY_MS = 250;
const SDK_INTEGRATION_TYPES = new Set(["web", "ios", "android", "unity"]);

export interface NewMessage {
  author:
    | { type: "business"; subtypes?: string[]; displayName?: string; avatarUrl?: string }
    | { type: "user"; user: UserRecord; displayName?: string; avatarUrl?: string };
  content: Json & { type: string };
  source: MessageSource;
  metadata?: Metadata | null;
  quotedMessage?: Json;
  /** Business messages only: which of the user's channels to deliver to; `{ integrationType: "none" }` is silent. */
  destination?: { integrationId?: string; integrationType?: string };
}

export function messagesOf(ctx: SandboxContext, conversationId: string): MessageRecord[] {
  return ctx.state.messages.get(conversationId) ?? [];
}

export function postMessage(ctx: SandboxContext, conversation: ConversationRecord, input: NewMessage): MessageRecord {
  const messages = messagesOf(ctx, conversation.id);
  if (messages.length >= MESSAGE_LIMIT) {
    throw new SuncoApiError(423, "locked", `Message limit of ${MESSAGE_LIMIT} per conversation reached.`);
  }
  const recipients = input.author.type === "business" ? deliveryTargets(ctx, conversation, input.destination) : [];
  const received = ctx.clock.timestamp();
  const message: MessageRecord = {
    id: objectId(ctx.clock.now()),
    conversationId: conversation.id,
    received,
    author: authorOf(input.author),
    content: normalizeContent(ctx, input.content),
    source: input.source,
    ...(input.metadata ? { metadata: input.metadata } : {}),
    ...(input.quotedMessage ? { quotedMessage: input.quotedMessage } : {}),
  };
  if (!ctx.state.messages.has(conversation.id)) ctx.state.messages.set(conversation.id, messages);
  messages.push(message);
  conversation.lastUpdatedAt = received;
  if (input.author.type === "business") {
    for (const participant of participantsOf(ctx, conversation.id)) participant.unreadCount += 1;
  }
  ctx.events.emit(conversationMessageEvent(ctx.state, conversation, message));
  ctx.live.publish(conversation.id, { type: "message", message: messageView(message) });
  for (const recipient of recipients) deliver(ctx, conversation, message, recipient);
  ctx.changed();
  return message;
}

function authorOf(author: NewMessage["author"]): MessageAuthor {
  if (author.type === "business") {
    return {
      type: "business",
      ...(author.subtypes ? { subtypes: author.subtypes } : {}),
      ...(author.displayName ? { displayName: author.displayName } : {}),
      avatarUrl: author.avatarUrl ?? DEFAULT_AVATAR_URL,
    };
  }
  const { profile } = author.user;
  const name = [profile.givenName, profile.surname].filter(Boolean).join(" ");
  return {
    type: "user",
    userId: author.user.id,
    ...((author.displayName ?? name) ? { displayName: author.displayName ?? name } : {}),
    avatarUrl: author.avatarUrl ?? profile.avatarUrl ?? DEFAULT_AVATAR_URL,
  };
}

interface Recipient {
  user: UserRecord;
  client: ClientRecord;
  destination: { type: string; integrationId?: string };
}

/**
 * Who a business message goes to, and on which channel: each participant's primary client, or the one the
 * destination names (an error when they have none). Silent messages go nowhere.
 */
function deliveryTargets(
  ctx: SandboxContext,
  conversation: ConversationRecord,
  destination: NewMessage["destination"],
): Recipient[] {
  if (destination && conversation.type !== "personal") throw badRequest("destination is only supported in personal conversations");
  if (destination?.integrationType === "none") return [];
  const recipients: Recipient[] = [];
  for (const participant of participantsOf(ctx, conversation.id)) {
    const user = ctx.state.users.get(participant.userId);
    const clients = participant.clientAssociations
      .map((association) => ctx.state.clients.get(association.clientId))
      .filter((client): client is ClientRecord => client !== undefined && client.status === "active");
    const client = destination ? clients.find((c) => matchesDestination(ctx, c, destination)) : clients[0];
    if (destination && !client) {
      throw badRequest(`The user has no client for ${destination.integrationId ?? destination.integrationType} in this conversation`);
    }
    if (user && client) recipients.push({ user, client, destination: destinationOf(ctx, client) });
  }
  return recipients;
}

function matchesDestination(ctx: SandboxContext, client: ClientRecord, destination: { integrationId?: string; integrationType?: string }) {
  const { integrationId, type } = destinationOf(ctx, client);
  return destination.integrationId ? integrationId === destination.integrationId : type === destination.integrationType;
}

/** An SDK client spans integrations: it delivers through the integration of its device. */
function destinationOf(ctx: SandboxContext, client: ClientRecord): { type: string; integrationId?: string } {
  if (client.type !== "sdk") return { type: client.type, integrationId: client.integrationId ?? undefined };
  const device = ctx.state.devices.find((d) => d.clientId === client.id);
  const integration = ctx.state.integrations.get(device?.integrationId);
  return { type: integration?.type ?? "web", integrationId: integration?.id };
}

/** What each kind of channel can show; anything else fails delivery as it would on the real channel. */
function supports(destinationType: string, contentType: string): boolean {
  if (SDK_INTEGRATION_TYPES.has(destinationType)) return contentType !== "template";
  if (destinationType === "whatsapp") return ["text", "image", "file", "location", "template"].includes(contentType);
  return ["text", "image", "file", "location"].includes(contentType);
}

/** WhatsApp's customer care window: a business may write freely only this long after the user last wrote. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** WhatsApp's refusal of a free-form message outside the window (Cloud API error 131047), as SunCo reports it. */
export const WHATSAPP_WINDOW_CLOSED =
  "(#131047) Re-engagement message: more than 24 hours have passed since the customer last replied to this number; send a template";

/** Whether the user wrote from this WhatsApp client in the conversation within the window. */
function windowOpen(ctx: SandboxContext, conversation: ConversationRecord, recipient: Recipient): boolean {
  const since = ctx.clock.now() - WHATSAPP_WINDOW_MS;
  return messagesOf(ctx, conversation.id).some(
    (m) =>
      m.author.type === "user" &&
      m.author.userId === recipient.user.id &&
      (m.source.clientId === recipient.client.id || (!!m.source.integrationId && m.source.integrationId === recipient.client.integrationId)) &&
      Date.parse(m.received) >= since,
  );
}

/** Why the channel would not deliver this content, if it would not. */
function refusal(ctx: SandboxContext, conversation: ConversationRecord, recipient: Recipient, content: MessageRecord["content"]): string | undefined {
  const destinationType = recipient.destination.type;
  if (!supports(destinationType, content.type)) return `Unsupported message type '${content.type}'`;
  if (content.type === "template") return renderTemplate(content.template as Record<string, unknown>).problem;
  if (destinationType === "whatsapp" && !windowOpen(ctx, conversation, recipient)) return WHATSAPP_WINDOW_CLOSED;
  return undefined;
}

function deliver(ctx: SandboxContext, conversation: ConversationRecord, message: MessageRecord, recipient: Recipient) {
  ctx.clock.after(DELIVERY_DELAY_MS, () => {
    if (!ctx.state.conversations.get(conversation.id)) return;
    const emit = (outcome: DeliveryOutcome) =>
      ctx.events.emit(messageDeliveryEvent(ctx.state, conversation, message, recipient.user, recipient.destination, outcome));
    const refused = refusal(ctx, conversation, recipient, message.content);
    if (refused) return emit({ type: "conversation:message:delivery:failure", error: { code: "uncategorized_error", message: refused } });
    emit({ type: "conversation:message:delivery:channel" });
    // An SDK user's device confirms receipt only while it is connected (the simulator has the conversation open).
    if (recipient.client.type === "sdk" && ctx.live.watchers(conversation.id) > 0) {
      emit({ type: "conversation:message:delivery:user" });
    }
  });
}

export function deleteMessage(ctx: SandboxContext, conversation: ConversationRecord, message: MessageRecord): void {
  ctx.state.messages.set(
    conversation.id,
    messagesOf(ctx, conversation.id).filter((m) => m.id !== message.id),
  );
  deleteAttachmentsOf(ctx, { messages: [message] });
  ctx.live.publish(conversation.id, { type: "message:deleted", messageId: message.id });
  ctx.changed();
}

export function deleteAllMessages(ctx: SandboxContext, conversation: ConversationRecord): void {
  deleteAttachmentsOf(ctx, { messages: messagesOf(ctx, conversation.id) });
  ctx.state.messages.delete(conversation.id);
  for (const participant of participantsOf(ctx, conversation.id)) participant.unreadCount = 0;
  ctx.live.publish(conversation.id, { type: "messages:cleared" });
  ctx.changed();
}
