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

/** CreateClient: a pending client on the matched channel; `immediate` confirmation activates it straight away. */
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
  const client = ctx.state.clients.insert({
    id: objectId(ctx.clock.now()),
    appId: user.appId,
    userId: user.id,
    type: matchCriteria.type,
    status: "pending",
    integrationId: integration.id,
    externalId: "address" in matchCriteria ? matchCriteria.address : matchCriteria.phoneNumber,
    lastSeen: null,
    linkedAt: null,
    displayName: null,
    avatarUrl: null,
    info: null,
    raw: null,
  });
  ctx.events.emit(clientEvent("client:add", ctx.state, user, client, "channelLinking", { conversation }));
  if (body.confirmation.type === "immediate") confirmClient(ctx, client, conversation);
  ctx.changed();
  return client;
}

/** The channel found the user: the client becomes active and the conversation's primary way to reach them. */
export function confirmClient(ctx: SandboxContext, client: ClientRecord, conversation?: ConversationRecord): void {
  const user = ctx.state.users.get(client.userId);
  if (!user) return;
  const now = ctx.clock.timestamp();
  client.status = "active";
  client.linkedAt = now;
  client.lastSeen = now;
  if (client.type === "mailgun" && client.externalId && !user.identities.some((i) => i.value === client.externalId)) {
    user.identities.push({ type: "email", value: client.externalId, verification: "unverified" });
  }
  for (const participant of ctx.state.participants.where((p) => p.userId === user.id)) {
    participant.clientAssociations = clientAssociationsOf(ctx, user.id);
  }
  ctx.events.emit(clientEvent("client:update", ctx.state, user, client, "confirmed", { conversation }));
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
