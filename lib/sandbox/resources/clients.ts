// Clients: a user's presence on a channel. SDK clients (with a device) come from the simulator's Web Messenger;
// channel links (CreateClient) start pending and become active once confirmed.
import { randomUUID } from "node:crypto";
import type { SandboxContext } from "../context";
import { badRequest, integrationNotFound } from "../errors";
import { objectId } from "../ids";
import type { ClientRecord, ConversationRecord, IntegrationRecord, UserRecord } from "../state";
import { clientEvent } from "../webhooks/events";
import { clientAssociationsOf } from "./conversations";
import type { ClientCreateBody } from "@/lib/sunco/schemas";

/** A Web Messenger login: an active SDK client with a web device, announced by client:add (sdkLogin). */
export function createSdkClient(ctx: SandboxContext, user: UserRecord, integration: IntegrationRecord): ClientRecord {
  const now = ctx.clock.timestamp();
  const client = ctx.state.clients.insert({
    id: objectId(ctx.clock.now()),
    appId: user.appId,
    userId: user.id,
    type: "sdk",
    status: "active",
    integrationId: null,
    externalId: null,
    lastSeen: now,
    linkedAt: now,
    displayName: null,
    avatarUrl: null,
    info: { browserName: "Sandbox", os: "SunCo simulator" },
    raw: null,
  });
  ctx.state.devices.insert({
    id: objectId(ctx.clock.now()),
    appId: user.appId,
    userId: user.id,
    clientId: client.id,
    type: "web",
    guid: randomUUID().replaceAll("-", ""),
    status: "active",
    integrationId: integration.id,
    lastSeen: now,
    pushNotificationToken: null,
    info: { currentTitle: "SunCo simulator", browserLanguage: "en" },
    appVersion: null,
  });
  ctx.events.emit(clientEvent("client:add", ctx.state, user, client, "sdkLogin", { source: { type: "web", integrationId: integration.id } }));
  ctx.changed();
  return client;
}

/**
 * How long the channel takes to answer a link, in sandbox time: at once for `immediate` confirmation (the channel
 * looks the number or address up), a minute for `userActivity` and `prompt` (the end user writes or accepts).
 */
export const CHANNEL_LINK_DELAY_MS = { immediate: 2_000, userActivity: 60_000, prompt: 60_000 } as const;

/**
 * CreateClient: a pending client on the matched channel, announced by client:add (channelLinking). It settles on the
 * sandbox clock: confirmed (client:update) or, when a channel-link fault says so, removed (client:remove).
 */
export function linkChannel(
  ctx: SandboxContext,
  user: UserRecord,
  conversation: ConversationRecord,
  body: ClientCreateBody,
): ClientRecord {
  const { matchCriteria } = body;
  const integration = ctx.state.integrations.get(matchCriteria.integrationId);
  if (!integration || integration.appId !== user.appId) throw integrationNotFound();
  if (integration.type !== matchCriteria.type) {
    throw badRequest(`matchCriteria.type ${matchCriteria.type} does not match the integration's type ${integration.type}`);
  }
  const externalId = "address" in matchCriteria ? matchCriteria.address : matchCriteria.phoneNumber;
  const delay = CHANNEL_LINK_DELAY_MS[body.confirmation.type];
  const failure = ctx.faults.takeChannelLinkFault({ appId: user.appId, type: matchCriteria.type, externalId });
  const client = ctx.state.clients.insert({
    id: objectId(ctx.clock.now()),
    appId: user.appId,
    userId: user.id,
    type: matchCriteria.type,
    status: "pending",
    integrationId: integration.id,
    externalId,
    lastSeen: null,
    linkedAt: null,
    displayName: null,
    avatarUrl: null,
    info: null,
    raw: null,
    link: {
      conversationId: conversation.id,
      primary: matchCriteria.primary ?? true,
      settlesAt: ctx.clock.now() + delay,
      ...(failure ? { failure } : {}),
    },
  });
  ctx.events.emit(clientEvent("client:add", ctx.state, user, client, "channelLinking", { conversation }));
  // The end user takes at least a real minute to write or accept, whatever the time scale, unless tests advance the
  // clock or confirm the client (the simulator's control plane).
  const minRealMs = body.confirmation.type === "immediate" ? 0 : delay;
  ctx.clock.after(delay, () => settleLink(ctx, client.id), { minRealMs });
  ctx.changed();
  return client;
}

/** After a restart, pending links wait for the channel again (timers do not survive). */
export function resumePendingLinks(ctx: SandboxContext): void {
  for (const client of ctx.state.clients.where((c) => c.status === "pending" && !!c.link)) {
    ctx.clock.after(Math.max(0, client.link!.settlesAt - ctx.clock.now()), () => settleLink(ctx, client.id));
  }
}

/** Settles every pending link whose time has come: after the clock was advanced, or a restart. */
export function settleDueLinks(ctx: SandboxContext): void {
  const now = ctx.clock.now();
  for (const client of ctx.state.clients.where((c) => c.status === "pending" && !!c.link && c.link.settlesAt <= now)) {
    settleLink(ctx, client.id);
  }
}

/** The channel's answer to a pending link; nothing if the link was already settled or the client removed. */
function settleLink(ctx: SandboxContext, clientId: string): void {
  const client = ctx.state.clients.get(clientId);
  if (!client?.link || client.status !== "pending") return;
  const conversation = ctx.state.conversations.get(client.link.conversationId);
  if (client.link.failure) failLink(ctx, client, client.link.failure, conversation);
  else confirmClient(ctx, client, conversation);
}

/** The channel found the user: the client becomes active and, if primary, the conversation's way to reach them. */
export function confirmClient(ctx: SandboxContext, client: ClientRecord, conversation?: ConversationRecord): void {
  const user = ctx.state.users.get(client.userId);
  if (!user) return;
  const now = ctx.clock.timestamp();
  const primary = client.link?.primary ?? true;
  conversation ??= client.link && ctx.state.conversations.get(client.link.conversationId);
  client.status = "active";
  client.linkedAt = now;
  client.lastSeen = now;
  delete client.link;
  if (client.type === "mailgun" && client.externalId && !user.identities.some((i) => i.value === client.externalId)) {
    user.identities.push({ type: "email", value: client.externalId, verification: "unverified" });
  }
  for (const participant of ctx.state.participants.where((p) => p.userId === user.id)) {
    const associations = clientAssociationsOf(ctx, user.id);
    // Not primary: the conversation keeps reaching the user where it did, this channel after those.
    participant.clientAssociations = primary
      ? associations
      : [...associations.filter((a) => a.clientId !== client.id), ...associations.filter((a) => a.clientId === client.id)];
  }
  ctx.events.emit(clientEvent("client:update", ctx.state, user, client, "confirmed", { conversation }));
  ctx.changed();
}

/** The link did not happen: the pending client is removed, and client:remove says why. */
function failLink(
  ctx: SandboxContext,
  client: ClientRecord,
  reason: "linkFailed" | "linkCancelled",
  conversation: ConversationRecord | undefined,
): void {
  const user = ctx.state.users.get(client.userId);
  ctx.state.clients.delete(client.id);
  const error =
    reason === "linkFailed"
      ? { code: "link_failed", message: `The ${client.type} channel could not reach ${client.externalId}` }
      : { code: "link_cancelled", message: "The user cancelled the link" };
  if (user) ctx.events.emit(clientEvent("client:remove", ctx.state, user, client, reason, { conversation, error }));
  ctx.changed();
}

/** RemoveClient; SDK clients cannot be removed through the API. */
export function removeClient(ctx: SandboxContext, client: ClientRecord): void {
  if (client.type === "sdk") throw badRequest("Cannot remove a client of type 'sdk'");
  const user = ctx.state.users.get(client.userId);
  ctx.state.clients.delete(client.id);
  ctx.state.devices.deleteWhere((d) => d.clientId === client.id);
  for (const participant of ctx.state.participants.where((p) => p.userId === client.userId)) {
    participant.clientAssociations = participant.clientAssociations.filter((a) => a.clientId !== client.id);
  }
  if (user) ctx.events.emit(clientEvent("client:remove", ctx.state, user, client, "api"));
  ctx.changed();
}
