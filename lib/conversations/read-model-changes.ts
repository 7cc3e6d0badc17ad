// What a batch of webhook events does to the read model, folded in memory before anything is written: each user,
// conversation, client and device appears once with the newest state the batch knows for each of its field groups,
// so the writes are one multi-row statement per table (and a row is never updated twice by one statement).
import type { MessageDeliveryStatus } from "@/lib/db/generated/enums";
import type { Client, ConversationTruncated, Device, User, UserTruncated } from "@/lib/sunco/schemas";

/** A value with the SunCo time it describes. */
export interface Timed<T> {
  at: Date;
  value: T;
}

/** The later of two timed values; on a tie the one seen last wins. */
function newer<T>(current: Timed<T> | undefined, candidate: Timed<T>): Timed<T> {
  return current && current.at > candidate.at ? current : candidate;
}

const latest = (a: Date | undefined, b: Date | undefined) => (!a ? b : !b ? a : a > b ? a : b);
const earliest = (a: Date | undefined, b: Date | undefined) => (!a ? b : !b ? a : a < b ? a : b);

export interface Scope {
  connectionId: string;
  organizationId: string;
}

/** How users and conversations are keyed here and when written: connection id and SunCo id. */
export const rowKey = (connectionId: string, suncoId: string) => `${connectionId}\u0000${suncoId}`;
/** The connection id of a rowKey. */
export const connectionIdOf = (key: string) => key.split("\u0000")[0]!;
const key = (scope: Scope, suncoId: string) => rowKey(scope.connectionId, suncoId);
const scopeOf = (scope: Scope): Scope => ({ connectionId: scope.connectionId, organizationId: scope.organizationId });

export interface UserCore {
  authenticated: boolean | null;
  externalId: string | null;
  zendeskId: string | null;
  brandId: string | null;
}

export interface UserProfile {
  givenName: string | null;
  surname: string | null;
  email: string | null;
  avatarUrl: string | null;
  locale: string | null;
  signedUpAt: string | null;
  metadata: Record<string, unknown> | null;
  identities: unknown[] | null;
}

export interface UserChange extends Scope {
  suncoUserId: string;
  /** Open pages are told when an event was about the user itself, not each time a message names its author. */
  announce?: boolean;
  core?: Timed<UserCore>;
  profile?: Timed<UserProfile>;
  displayName?: Timed<string>;
}

export interface SwitchboardState {
  active: unknown;
  pending: unknown;
}

export interface ConversationChange extends Scope {
  suncoConversationId: string;
  type: string;
  /** The latest event about it: lastActivityAt of a conversation first seen through, say, a delivery event. */
  seenAt: Date;
  /** The latest postback, referral or creation: activity that moves it up the inbox. */
  activityAt?: Date;
  /**
   * The latest message: the start of a conversation first seen with it. Messages move existing conversations when
   * they are stored, which a message seen before is not.
   */
  messageAt?: Date;
  endUserSuncoId?: string;
  metadata?: Timed<unknown>;
  switchboard?: Timed<SwitchboardState>;
  userLastReadAt?: Date;
  suncoCreatedAt?: Date;
}

export interface ParticipantChange {
  conversationKey: string;
  suncoUserId: string;
  joinedAt?: Date;
  leftAt?: Date;
}

export interface ClientChange extends Scope {
  suncoClientId: string;
  suncoUserId: string;
  snapshot: Timed<{ client: Client; removedReason: string | null }>;
}

export interface DeviceChange extends Scope {
  suncoDeviceId: string;
  suncoUserId: string;
  snapshot: Timed<Device>;
}

export interface MessageChange {
  conversationKey: string;
  suncoMessageId: string;
  clientMessageId: string | null;
  authorType: string;
  authorSuncoUserId: string | null;
  authorDisplayName: string | null;
  authorAvatarUrl: string | null;
  author: Record<string, unknown>;
  contentType: string;
  content: unknown;
  text: string;
  sourceType: string | null;
  sourceIntegrationId: string | null;
  source: unknown;
  metadata: unknown;
  quotedMessage: unknown;
  deleted: boolean;
  receivedAt: Date;
}

export interface DeliveryChange {
  conversationKey: string;
  suncoMessageId: string;
  suncoEventId: string;
  kind: Extract<MessageDeliveryStatus, "delivered_to_channel" | "delivered_to_user" | "failed">;
  destinationType: string | null;
  destinationIntegrationId: string | null;
  externalMessageIds: string[];
  isFinal: boolean;
  errorCode: string | null;
  errorMessage: string | null;
  occurredAt: Date;
}

export interface ActivityChange {
  conversationKey: string;
  suncoEventId: string;
  type: string;
  suncoUserId: string | null;
  data: Record<string, unknown>;
  occurredAt: Date;
}

export interface TypingSignal {
  conversationKey: string;
  suncoUserId: string | null;
  typing: boolean;
  at: Date;
}

export class ReadModelChanges {
  readonly users = new Map<string, UserChange>();
  readonly conversations = new Map<string, ConversationChange>();
  readonly participants = new Map<string, ParticipantChange>();
  readonly clients = new Map<string, ClientChange>();
  readonly devices = new Map<string, DeviceChange>();
  readonly messages = new Map<string, MessageChange>();
  readonly deliveries: DeliveryChange[] = [];
  readonly activities: ActivityChange[] = [];
  /** The latest signal per conversation and user: open pages need only where typing stands, not every flicker. */
  readonly typing = new Map<string, TypingSignal>();

  get isEmpty() {
    return this.users.size === 0 && this.conversations.size === 0 && this.typing.size === 0;
  }

  /** Records what `user` says about a user at `at`; a truncated user updates the core fields only. */
  user(scope: Scope, user: UserTruncated | User, at: Date, options: { announce?: boolean } = {}): string {
    const change = this.userChange(scope, user.id);
    if (options.announce) change.announce = true;
    change.core = newer(change.core, {
      at,
      value: {
        authenticated: user.authenticated ?? null,
        externalId: user.externalId ?? null,
        zendeskId: user.zendeskId ?? null,
        brandId: user.brandId ?? null,
      },
    });
    // Webhooks carry the whole user (profile, metadata, identities) only with includeFullUser; a user without
    // any of them says nothing about them.
    const full = user as User;
    if (full.profile !== undefined || full.metadata !== undefined || full.identities !== undefined) {
      change.profile = newer(change.profile, {
        at,
        value: {
          givenName: full.profile?.givenName ?? null,
          surname: full.profile?.surname ?? null,
          email: full.profile?.email ?? null,
          avatarUrl: full.profile?.avatarUrl ?? null,
          locale: full.profile?.locale ?? null,
          signedUpAt: full.signedUpAt ?? null,
          metadata: (full.metadata as Record<string, unknown> | null | undefined) ?? null,
          identities: full.identities ?? null,
        },
      });
    }
    return user.id;
  }

  /** A user known only by id (a message author without the embedded user): the row must exist. */
  userRef(scope: Scope, suncoUserId: string): string {
    this.userChange(scope, suncoUserId);
    return suncoUserId;
  }

  userDisplayName(scope: Scope, suncoUserId: string, displayName: string | undefined, at: Date) {
    if (!displayName) return;
    const change = this.userChange(scope, suncoUserId);
    change.displayName = newer(change.displayName, { at, value: displayName });
  }

  private userChange(scope: Scope, suncoUserId: string): UserChange {
    const k = key(scope, suncoUserId);
    let change = this.users.get(k);
    if (!change) {
      change = { ...scopeOf(scope), suncoUserId };
      this.users.set(k, change);
    }
    return change;
  }

  /**
   * Records the conversation as an event describes it. Switchboard state counts only when the event is about the
   * switchboard or names an integration: other events leave it out when there is none, and out when they omit it.
   */
  conversation(
    scope: Scope,
    conversation: ConversationTruncated,
    at: Date,
    options: { activityAt?: Date; messageAt?: Date; switchboardAuthoritative?: boolean } = {},
  ): ConversationChange {
    const k = key(scope, conversation.id);
    let change = this.conversations.get(k);
    if (!change) {
      change = { ...scopeOf(scope), suncoConversationId: conversation.id, type: conversation.type, seenAt: at };
      this.conversations.set(k, change);
    }
    change.seenAt = latest(change.seenAt, at)!;
    change.activityAt = latest(change.activityAt, options.activityAt);
    change.messageAt = latest(change.messageAt, options.messageAt);
    if (conversation.metadata !== undefined) change.metadata = newer(change.metadata, { at, value: conversation.metadata });
    const namesSwitchboard =
      conversation.activeSwitchboardIntegration !== undefined || conversation.pendingSwitchboardIntegration !== undefined;
    if (options.switchboardAuthoritative || namesSwitchboard) {
      change.switchboard = newer(change.switchboard, {
        at,
        value: {
          active: conversation.activeSwitchboardIntegration ?? null,
          pending: conversation.pendingSwitchboardIntegration ?? null,
        },
      });
    }
    return change;
  }

  conversationKey(scope: Scope, suncoConversationId: string) {
    return key(scope, suncoConversationId);
  }

  /** The end user of a personal conversation is also its participant. */
  endUser(conversation: ConversationChange, suncoUserId: string) {
    if (conversation.type !== "personal") return;
    conversation.endUserSuncoId ??= suncoUserId;
    this.participant(key(conversation, conversation.suncoConversationId), suncoUserId, {});
  }

  participant(conversationKey: string, suncoUserId: string, change: { joinedAt?: Date; leftAt?: Date }) {
    const k = `${conversationKey}\u0000${suncoUserId}`;
    const current = this.participants.get(k) ?? { conversationKey, suncoUserId };
    current.joinedAt = latest(current.joinedAt, change.joinedAt);
    current.leftAt = latest(current.leftAt, change.leftAt);
    this.participants.set(k, current);
  }

  read(conversation: ConversationChange, at: Date) {
    conversation.userLastReadAt = latest(conversation.userLastReadAt, at);
  }

  created(conversation: ConversationChange, at: Date) {
    conversation.suncoCreatedAt = earliest(conversation.suncoCreatedAt, at);
  }

  client(scope: Scope, suncoUserId: string, client: Client, at: Date, removedReason: string | null = null) {
    const k = key(scope, client.id);
    const current = this.clients.get(k);
    this.clients.set(k, {
      ...scopeOf(scope),
      suncoClientId: client.id,
      suncoUserId,
      snapshot: newer(current?.snapshot, { at, value: { client, removedReason } }),
    });
  }

  device(scope: Scope, suncoUserId: string, device: Device, at: Date) {
    const k = key(scope, device.id);
    const current = this.devices.get(k);
    this.devices.set(k, { ...scopeOf(scope), suncoDeviceId: device.id, suncoUserId, snapshot: newer(current?.snapshot, { at, value: device }) });
  }

  message(change: MessageChange) {
    this.messages.set(`${change.conversationKey}\u0000${change.suncoMessageId}`, change);
  }

  delivery(change: DeliveryChange) {
    this.deliveries.push(change);
  }

  activity(change: ActivityChange) {
    this.activities.push(change);
  }

  typingSignal(signal: TypingSignal) {
    const key = `${signal.conversationKey}\u0000${signal.suncoUserId ?? ""}`;
    const known = this.typing.get(key);
    if (!known || signal.at >= known.at) this.typing.set(key, signal);
  }
}
