// End users of an app: lookup by id or externalId, creation, merging and deletion with everything they own.
import type { SandboxContext } from "../context";
import { conflict, userNotFound } from "../errors";
import { objectId } from "../ids";
import type { Metadata, Profile, UserRecord } from "../state";
import { userMergeEvent, userRemoveEvent } from "../webhooks/events";
import { deleteConversationData } from "./conversations";

export interface NewUser {
  externalId?: string;
  brandId?: string | null;
  zendeskId?: string;
  signedUpAt?: string;
  toBeRetained?: boolean;
  profile?: Profile;
  metadata?: Metadata | null;
  authenticated?: boolean;
  email?: string;
}

/** `userIdOrExternalId` as the path gives it; brand-separated users also need their brandId. */
export function findUser(ctx: SandboxContext, appId: string, idOrExternalId: string, brandId?: string | null): UserRecord | undefined {
  const byId = ctx.state.users.get(idOrExternalId);
  if (byId?.appId === appId) return byId;
  return ctx.state.users.find(
    (u) => u.appId === appId && u.externalId === idOrExternalId && (u.brandId ?? null) === (brandId ?? null),
  );
}

export function requireUser(ctx: SandboxContext, appId: string, idOrExternalId: string, brandId?: string | null): UserRecord {
  const user = findUser(ctx, appId, idOrExternalId, brandId);
  if (!user) throw userNotFound();
  return user;
}

export function createUser(ctx: SandboxContext, appId: string, input: NewUser): UserRecord {
  if (input.externalId !== undefined && findUser(ctx, appId, input.externalId, input.brandId)) {
    throw conflict("User already exists");
  }
  const user = ctx.state.users.insert({
    id: objectId(ctx.clock.now()),
    appId,
    externalId: input.externalId,
    zendeskId: input.zendeskId,
    brandId: input.brandId ?? undefined,
    authenticated: input.authenticated ?? false,
    signedUpAt: input.signedUpAt ?? ctx.clock.timestamp(),
    toBeRetained: input.toBeRetained ?? false,
    profile: withoutNulls(input.profile ?? {}),
    metadata: input.metadata ?? {},
    identities: input.email ? [{ type: "email", value: input.email, verification: "verified" }] : [],
  });
  ctx.changed();
  return user;
}

/** Profile fields merge; `null` unsets one. */
export function mergeProfile(current: Profile, update: Profile): Profile {
  return withoutNulls({ ...current, ...update });
}

function withoutNulls(profile: Profile): Profile {
  return Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== null && value !== undefined));
}

/** The user, their clients and devices, and the conversations no one else is part of, all go. */
export function deleteUser(ctx: SandboxContext, user: UserRecord): void {
  const { state } = ctx;
  for (const participant of state.participants.where((p) => p.userId === user.id)) {
    state.participants.delete(participant.id);
    const conversation = state.conversations.get(participant.conversationId);
    if (conversation && !state.participants.find((p) => p.conversationId === conversation.id)) {
      deleteConversationData(ctx, conversation);
    }
  }
  state.devices.deleteWhere((d) => d.userId === user.id);
  state.clients.deleteWhere((c) => c.userId === user.id);
  state.users.delete(user.id);
  ctx.events.emit(userRemoveEvent(user));
  ctx.changed();
}

/**
 * Folds `discarded` into `surviving`: clients, devices, conversations and messages move over, metadata combines (the
 * discarded user's is dropped, and reported, when the whole would pass 4 KB), and `user:merge` tells the webhooks.
 */
export function mergeUsers(ctx: SandboxContext, surviving: UserRecord, discarded: UserRecord, reason: "api" | "sdkLogin"): UserRecord {
  const { state } = ctx;
  const before = { surviving: structuredClone(surviving), discarded: structuredClone(discarded) };
  for (const client of state.clients.where((c) => c.userId === discarded.id)) client.userId = surviving.id;
  for (const device of state.devices.where((d) => d.userId === discarded.id)) device.userId = surviving.id;
  for (const participant of state.participants.where((p) => p.userId === discarded.id)) {
    const duplicate = state.participants.find((p) => p.conversationId === participant.conversationId && p.userId === surviving.id);
    if (duplicate) state.participants.delete(participant.id);
    else participant.userId = surviving.id;
  }
  for (const messages of state.messages.values()) {
    for (const message of messages) if (message.author.userId === discarded.id) message.author.userId = surviving.id;
  }
  const combined = { ...discarded.metadata, ...surviving.metadata };
  const fits = Buffer.byteLength(JSON.stringify(combined)) <= 4096;
  if (fits) surviving.metadata = combined;
  surviving.profile = { ...discarded.profile, ...surviving.profile };
  surviving.identities = [...surviving.identities, ...discarded.identities.filter((i) => !surviving.identities.some((s) => s.value === i.value))];
  state.users.delete(discarded.id);
  ctx.events.emit(
    userMergeEvent(
      state,
      { surviving: before.surviving, discarded: before.discarded, discardedMetadata: fits ? undefined : discarded.metadata },
      reason,
    ),
  );
  ctx.changed();
  return surviving;
}
