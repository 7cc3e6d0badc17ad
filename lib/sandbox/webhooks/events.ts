// The payload of each webhook trigger, built as the spec's event schemas describe it. Users come truncated unless
// the webhook asked for includeFullUser; sources carry their client and device only with includeFullSource.
import {
  clientView,
  compact,
  conversationTruncatedView,
  deviceView,
  messageView,
  omit,
  userTruncatedView,
  userView,
} from "../serialize";
import type {
  ClientRecord,
  ConversationRecord,
  Json,
  MessageRecord,
  MessageSource,
  Metadata,
  SandboxState,
  UserRecord,
} from "../state";
import type { PayloadView, WebhookEvent } from "./dispatch";
import type { Trigger } from "./triggers";

function userFor(user: UserRecord, view: PayloadView) {
  return view.includeFullUser ? userView(user) : userTruncatedView(user);
}

function sourceFor(state: SandboxState, source: MessageSource, view: PayloadView) {
  const client = view.includeFullSource ? state.clients.get(source.clientId) : undefined;
  const device = view.includeFullSource ? state.devices.get(source.deviceId) : undefined;
  return compact({
    type: source.type,
    integrationId: source.integrationId ?? undefined,
    originalMessageId: source.originalMessageId ?? undefined,
    originalMessageTimestamp: source.originalMessageTimestamp ?? undefined,
    client: client ? clientView(client) : undefined,
    device: device ? deviceView(device) : undefined,
  });
}

function authorFor(state: SandboxState, message: MessageRecord, view: PayloadView) {
  const user = state.users.get(message.author.userId);
  return compact({ ...omit(message.author, ["subtypes"]), user: user ? userFor(user, view) : undefined });
}

function messageFor(state: SandboxState, message: MessageRecord, view: PayloadView) {
  return {
    ...omit(messageView(message), ["author", "source"]),
    author: authorFor(state, message, view),
    source: sourceFor(state, message.source, view),
  };
}

function conversationEvent(
  type: Trigger,
  state: SandboxState,
  conversation: ConversationRecord,
  payload: (view: PayloadView) => Json,
): WebhookEvent {
  const truncated = conversationTruncatedView(state, conversation);
  return {
    type,
    appId: conversation.appId,
    conversationId: conversation.id,
    payload: (view) => ({ conversation: truncated, ...payload(view) }),
  };
}

export function conversationMessageEvent(state: SandboxState, conversation: ConversationRecord, message: MessageRecord) {
  return conversationEvent("conversation:message", state, conversation, (view) => ({
    message: messageFor(state, message, view),
  }));
}

export type CreationReason = "linkRequest" | "message" | "none" | "notification" | "prechatCapture" | "startConversation" | "proactiveMessaging";

export function conversationCreateEvent(
  state: SandboxState,
  conversation: ConversationRecord,
  reason: CreationReason,
  source: MessageSource,
  user?: UserRecord,
) {
  return conversationEvent("conversation:create", state, conversation, (view) =>
    compact({
      creationReason: reason,
      source: sourceFor(state, source, view),
      user: user && conversation.type === "personal" ? userFor(user, view) : undefined,
    }),
  );
}

export function participantEvent(
  type: "conversation:join" | "conversation:leave",
  state: SandboxState,
  conversation: ConversationRecord,
  user: UserRecord,
) {
  return conversationEvent(type, state, conversation, () => ({ user: userTruncatedView(user) }));
}

export function conversationRemoveEvent(state: SandboxState, conversation: ConversationRecord) {
  return conversationEvent("conversation:remove", state, conversation, () => ({}));
}

export type DeliveryOutcome =
  | { type: "conversation:message:delivery:channel" | "conversation:message:delivery:user" }
  | { type: "conversation:message:delivery:failure"; error: { code: string; message: string } };

export function messageDeliveryEvent(
  state: SandboxState,
  conversation: ConversationRecord,
  message: MessageRecord,
  user: UserRecord,
  destination: { type: string; integrationId?: string },
  outcome: DeliveryOutcome,
) {
  return conversationEvent(outcome.type, state, conversation, (view) =>
    compact({
      user: userFor(user, view),
      message: { id: message.id },
      destination: compact({ ...destination }),
      externalMessages: [{ id: `sandbox-${message.id}` }],
      isFinalEvent: true,
      error: "error" in outcome ? outcome.error : undefined,
    }),
  );
}

export function postbackEvent(
  state: SandboxState,
  conversation: ConversationRecord,
  user: UserRecord,
  postback: { payload: string; metadata?: Metadata },
  source: MessageSource,
) {
  return conversationEvent("conversation:postback", state, conversation, (view) => ({
    postback: compact({ payload: postback.payload, metadata: postback.metadata }),
    user: userFor(user, view),
    source: sourceFor(state, source, view),
  }));
}

export function userActivityEvent(
  type: "conversation:read" | "conversation:typing",
  state: SandboxState,
  conversation: ConversationRecord,
  user: UserRecord,
  activity: "conversation:read" | "typing:start" | "typing:stop",
  source: MessageSource,
) {
  return conversationEvent(type, state, conversation, (view) => ({
    activity: {
      type: activity,
      source: sourceFor(state, source, view),
      author: { type: "user", userId: user.id, user: userFor(user, view) },
    },
  }));
}

export function referralEvent(
  state: SandboxState,
  conversation: ConversationRecord,
  user: UserRecord,
  referral: { code: string; details?: { source?: string; type?: string; adId?: string | null } },
  source: MessageSource,
) {
  return conversationEvent("conversation:referral", state, conversation, (view) => ({
    user: userFor(user, view),
    source: sourceFor(state, source, view),
    referral: compact({ code: referral.code, details: referral.details }),
  }));
}

export type SwitchboardTrigger =
  | "switchboard:acceptControl"
  | "switchboard:offerControl"
  | "switchboard:passControl"
  | "switchboard:releaseControl";

export function switchboardEvent(
  type: SwitchboardTrigger,
  state: SandboxState,
  conversation: ConversationRecord,
  metadata: Metadata | null | undefined,
  reason?: "ticketClosed" | "transferToEmail",
) {
  return conversationEvent(type, state, conversation, () => compact({ metadata: metadata ?? undefined, reason }));
}

export function switchboardFailureEvent(
  type: `${Exclude<SwitchboardTrigger, "switchboard:releaseControl">}:failure`,
  state: SandboxState,
  conversation: ConversationRecord,
  metadata: Metadata | null | undefined,
  error: { code: string; message: string },
) {
  return conversationEvent(type, state, conversation, () => compact({ error, metadata: metadata ?? undefined }));
}

function userEvent(type: Trigger, user: UserRecord, payload: (view: PayloadView) => Json): WebhookEvent {
  return { type, appId: user.appId, payload };
}

export function clientEvent(
  type: "client:add" | "client:update" | "client:remove",
  state: SandboxState,
  user: UserRecord,
  client: ClientRecord,
  reason: string,
  options: { conversation?: ConversationRecord; source?: MessageSource; error?: { code: string; message: string } } = {},
) {
  const conversation = options.conversation && conversationTruncatedView(state, options.conversation);
  return userEvent(type, user, (view) =>
    compact({
      conversation,
      user: userTruncatedView(user),
      client: clientView(client),
      reason,
      error: options.error,
      source: options.source && sourceFor(state, options.source, view),
    }),
  );
}

export function userUpdateEvent(state: SandboxState, user: UserRecord, reason: "authentication" | "localeDetection", source: MessageSource) {
  return userEvent("user:update", user, (view) => ({
    user: userView(user),
    reason,
    source: sourceFor(state, source, view),
  }));
}

export function userMergeEvent(
  state: SandboxState,
  merged: {
    surviving: UserRecord;
    discarded: UserRecord;
    conversations?: { surviving: ConversationRecord; discarded: ConversationRecord };
    clients?: { surviving: ClientRecord; discarded: ClientRecord };
    discardedMetadata?: Metadata;
  },
  reason: "api" | "channelLinking" | "sdkLogin",
) {
  const surviving = userView(merged.surviving);
  const discarded = userView(merged.discarded);
  const conversations = merged.conversations && {
    surviving: conversationTruncatedView(state, merged.conversations.surviving),
    discarded: conversationTruncatedView(state, merged.conversations.discarded),
  };
  const clients = merged.clients && {
    surviving: clientView(merged.clients.surviving),
    discarded: clientView(merged.clients.discarded),
  };
  return userEvent("user:merge", merged.surviving, () =>
    compact({
      mergedUsers: { surviving, discarded },
      mergedConversations: conversations,
      mergedClients: clients,
      discardedMetadata: merged.discardedMetadata,
      reason,
    }),
  );
}

export function userRemoveEvent(user: UserRecord) {
  const truncated = userTruncatedView(user);
  return userEvent("user:remove", user, () => ({ user: truncated }));
}
