// Conversations and their participants: creation (with the switchboard's default responder in control), joining,
// leaving, and deletion with messages and message attachments.
import type { SandboxContext } from "../context";
import { badRequest, conversationNotFound } from "../errors";
import { objectId } from "../ids";
import type { AppRecord, ClientAssociation, ConversationRecord, MessageSource, Metadata, ParticipantRecord, UserRecord } from "../state";
import { conversationCreateEvent, conversationRemoveEvent, participantEvent, type CreationReason } from "../webhooks/events";
import { deleteAttachmentsOf } from "./attachments";

export const MAX_PARTICIPANTS = 10;

export function requireConversation(ctx: SandboxContext, appId: string, conversationId: string): ConversationRecord {
  const conversation = ctx.state.conversations.get(conversationId);
  if (!conversation || conversation.appId !== appId) throw conversationNotFound();
  return conversation;
}

export function conversationsOf(ctx: SandboxContext, userId: string): ConversationRecord[] {
  const ids = new Set(ctx.state.participants.where((p) => p.userId === userId).map((p) => p.conversationId));
  return ctx.state.conversations.where((c) => ids.has(c.id));
}

export interface NewConversation {
  type: "personal" | "sdkGroup";
  participants: { user: UserRecord; subscribeSDKClient?: boolean }[];
  displayName?: string | null;
  description?: string | null;
  iconUrl?: string | null;
  metadata?: Metadata | null;
}

export function createConversation(
  ctx: SandboxContext,
  app: AppRecord,
  input: NewConversation,
  creation: { reason: CreationReason; source: MessageSource },
): ConversationRecord {
  const { state } = ctx;
  const owner = input.type === "personal" ? input.participants[0]?.user : undefined;
  const ownerConversations = owner ? conversationsOf(ctx, owner.id).filter((c) => c.type === "personal") : [];
  if (owner && ownerConversations.length > 0 && !app.settings.multiConvoEnabled) {
    throw badRequest("This user already has a conversation and the app does not have multiConvoEnabled");
  }
  const now = ctx.clock.timestamp();
  const switchboard = state.switchboards.find((s) => s.appId === app.id && s.enabled);
  const conversation = state.conversations.insert({
    id: objectId(ctx.clock.now()),
    appId: app.id,
    type: input.type,
    isDefault: owner !== undefined && ownerConversations.length === 0,
    displayName: input.displayName,
    description: input.description,
    iconUrl: input.iconUrl,
    metadata: input.metadata,
    businessLastRead: null,
    lastUpdatedAt: now,
    createdAt: now,
    activeSwitchboardIntegrationId: switchboard?.defaultSwitchboardIntegrationId,
  });
  for (const participant of input.participants) joinParticipant(ctx, conversation, participant.user);
  ctx.events.emit(conversationCreateEvent(state, conversation, creation.reason, creation.source, owner));
  ctx.changed();
  return conversation;
}

/** The user's clients, most recently seen first: the first is where messages go. */
export function clientAssociationsOf(ctx: SandboxContext, userId: string): ClientAssociation[] {
  return ctx.state.clients
    .where((c) => c.userId === userId && c.status === "active")
    .sort((a, b) => (b.lastSeen ?? "").localeCompare(a.lastSeen ?? ""))
    .map((c) => ({ type: c.type, clientId: c.id }));
}

function joinParticipant(ctx: SandboxContext, conversation: ConversationRecord, user: UserRecord): ParticipantRecord {
  return ctx.state.participants.insert({
    id: objectId(ctx.clock.now()),
    appId: conversation.appId,
    conversationId: conversation.id,
    userId: user.id,
    unreadCount: 0,
    clientAssociations: clientAssociationsOf(ctx, user.id),
    lastRead: null,
  });
}

export function participantsOf(ctx: SandboxContext, conversationId: string): ParticipantRecord[] {
  return ctx.state.participants.where((p) => p.conversationId === conversationId);
}

export function participantOf(ctx: SandboxContext, conversationId: string, userId: string): ParticipantRecord | undefined {
  return ctx.state.participants.find((p) => p.conversationId === conversationId && p.userId === userId);
}

/** JoinConversation: sdkGroup conversations only, at most 10 participants; joining twice is harmless. */
export function joinConversation(ctx: SandboxContext, conversation: ConversationRecord, user: UserRecord): ParticipantRecord {
  if (conversation.type !== "sdkGroup") throw badRequest("Only sdkGroup conversations can be joined");
  const existing = participantOf(ctx, conversation.id, user.id);
  if (existing) return existing;
  if (participantsOf(ctx, conversation.id).length >= MAX_PARTICIPANTS) throw badRequest("Too many participants");
  const participant = joinParticipant(ctx, conversation, user);
  ctx.events.emit(participantEvent("conversation:join", ctx.state, conversation, user));
  ctx.changed();
  return participant;
}

export function leaveConversation(ctx: SandboxContext, conversation: ConversationRecord, participant: ParticipantRecord): void {
  if (conversation.type !== "sdkGroup") throw badRequest("Only sdkGroup conversations can be left");
  ctx.state.participants.delete(participant.id);
  const user = ctx.state.users.get(participant.userId);
  if (user) ctx.events.emit(participantEvent("conversation:leave", ctx.state, conversation, user));
  ctx.changed();
}

/** Removes the conversation, its participants, messages and message attachments, and emits conversation:remove. */
export function deleteConversationData(ctx: SandboxContext, conversation: ConversationRecord): void {
  const event = conversationRemoveEvent(ctx.state, conversation);
  ctx.state.participants.deleteWhere((p) => p.conversationId === conversation.id);
  deleteAttachmentsOf(ctx, { conversationId: conversation.id, messages: ctx.state.messages.get(conversation.id) ?? [] });
  ctx.state.messages.delete(conversation.id);
  ctx.state.conversations.delete(conversation.id);
  ctx.events.emit(event);
  ctx.live.publish(conversation.id, { type: "conversation:removed" });
  ctx.changed();
}
