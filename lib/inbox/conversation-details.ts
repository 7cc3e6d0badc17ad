// What the thread's header and side panel show about one conversation: its Sunbridge state, its connection, the
// SunCo user behind it (profile, identities, channels, devices, metadata), its metadata and switchboard state, what
// the connection allows, and the acting agent's draft.
import type { MemberContext } from "@/lib/auth/require-member";
import { sql, statement } from "@/lib/db";
import { findConversation, readOnlyReason } from "./conversation-access";
import { handoffState, type HandoffState } from "./handoff";
import { endUserName } from "./names";
import type { ConversationStatus } from "./schemas";

export interface EndUserChannel {
  id: string;
  type: string;
  status: string | null;
  displayName: string | null;
  integrationId: string | null;
  lastSeenAt: string | null;
  removed: boolean;
}

export interface EndUserDevice {
  id: string;
  type: string | null;
  status: string | null;
  appVersion: string | null;
  lastSeenAt: string | null;
}

export interface EndUserDetails {
  id: string;
  suncoUserId: string;
  name: string;
  givenName: string | null;
  surname: string | null;
  /** How the person's channel names them, when SunCo has no profile. */
  displayName: string | null;
  email: string | null;
  avatarUrl: string | null;
  locale: string | null;
  externalId: string | null;
  authenticated: boolean | null;
  signedUpAt: string | null;
  metadata: Record<string, unknown> | null;
  identities: { type: string; value: string; verification?: string }[];
  channels: EndUserChannel[];
  devices: EndUserDevice[];
  removed: boolean;
}

export interface ConversationDetails {
  id: string;
  suncoConversationId: string;
  type: string;
  status: ConversationStatus;
  /** When a snoozed conversation reopens. */
  snoozedUntil: string | null;
  /** Its labels (ids of the organization's labels). */
  labelIds: string[];
  assigneeId: string | null;
  unreadCount: number;
  metadata: Record<string, unknown> | null;
  channelType: string | null;
  lastUserMessageAt: string | null;
  /** The end user has read everything the business sent up to then. */
  userLastReadAt: string | null;
  createdAt: string;
  connection: { id: string; appName: string; state: string; authType: string };
  endUser: EndUserDetails | null;
  handoff: HandoffState;
  /** Why nothing can be sent or done in SunCo; null when everything can. */
  readOnlyReason: string | null;
  /** What the acting agent typed and did not send. */
  draft: string;
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

const END_USER = statement<
  Omit<EndUserDetails, "name" | "signedUpAt" | "identities" | "channels" | "devices" | "removed"> & {
    signedUpAt: Date | null;
    identities: EndUserDetails["identities"] | null;
    removedAt: Date | null;
  }
>(
  `SELECT "id", "suncoUserId", "givenName", "surname", "displayName", "email", "avatarUrl", "locale", "externalId",
          "authenticated", "signedUpAt", "metadata", "identities", "removedAt"
     FROM "SuncoUser" WHERE "id" = $1`,
  {
    id: "string",
    suncoUserId: "string",
    givenName: "string?",
    surname: "string?",
    displayName: "string?",
    email: "string?",
    avatarUrl: "string?",
    locale: "string?",
    externalId: "string?",
    authenticated: "boolean?",
    signedUpAt: "Date?",
    metadata: "json?",
    identities: "json?",
    removedAt: "Date?",
  },
);

const END_USER_CHANNELS = statement<Omit<EndUserChannel, "lastSeenAt" | "removed"> & { lastSeenAt: Date | null; removedAt: Date | null }>(
  `SELECT "suncoClientId" AS "id", "type", "status", "displayName", "integrationId", "lastSeenAt", "removedAt"
     FROM "SuncoClient" WHERE "userId" = $1 ORDER BY "removedAt" NULLS FIRST, "lastSeenAt" DESC NULLS LAST LIMIT 20`,
  { id: "string", type: "string", status: "string?", displayName: "string?", integrationId: "string?", lastSeenAt: "Date?", removedAt: "Date?" },
);

const END_USER_DEVICES = statement<Omit<EndUserDevice, "lastSeenAt"> & { lastSeenAt: Date | null }>(
  `SELECT "suncoDeviceId" AS "id", "type", "status", "appVersion", "lastSeenAt"
     FROM "SuncoDevice" WHERE "userId" = $1 ORDER BY "lastSeenAt" DESC NULLS LAST LIMIT 20`,
  { id: "string", type: "string?", status: "string?", appVersion: "string?", lastSeenAt: "Date?" },
);

async function endUserDetails(userId: string): Promise<EndUserDetails | null> {
  // The three are keyed by the user id alone: one round trip's wait, not three.
  const [{ rows }, channels, devices] = await Promise.all([
    sql().query(END_USER, [userId]),
    sql().query(END_USER_CHANNELS, [userId]),
    sql().query(END_USER_DEVICES, [userId]),
  ]);
  const user = rows[0];
  if (!user) return null;
  const { removedAt, signedUpAt, identities, ...profile } = user;
  return {
    ...profile,
    name: endUserName(user),
    signedUpAt: iso(signedUpAt),
    identities: identities ?? [],
    removed: removedAt !== null,
    channels: channels.rows.map(({ removedAt: gone, lastSeenAt, ...channel }) => ({ ...channel, lastSeenAt: iso(lastSeenAt), removed: gone !== null })),
    devices: devices.rows.map(({ lastSeenAt, ...device }) => ({ ...device, lastSeenAt: iso(lastSeenAt) })),
  };
}

const CONVERSATION_STATE = statement<{
  unreadCount: number;
  metadata: Record<string, unknown> | null;
  channelType: string | null;
  lastUserMessageAt: Date | null;
  userLastReadAt: Date | null;
  createdAt: Date;
  snoozedUntil: Date | null;
  labelIds: string[];
  draft: string | null;
}>(
  `SELECT c."unreadCount", c."metadata", c."channelType", c."lastUserMessageAt", c."userLastReadAt", c."createdAt",
          c."snoozedUntil", COALESCE(c."labelIds", '{}')::text[] AS "labelIds", d."text" AS "draft"
     FROM "Conversation" c
     LEFT JOIN "ConversationDraft" d ON d."conversationId" = c."id" AND d."userId" = $2
    WHERE c."id" = $1`,
  {
    unreadCount: "number",
    metadata: "json?",
    channelType: "string?",
    lastUserMessageAt: "Date?",
    userLastReadAt: "Date?",
    createdAt: "Date",
    snoozedUntil: "Date?",
    labelIds: "string[]",
    draft: "string?",
  },
);

export async function getConversationDetails(ctx: MemberContext, conversationId: string): Promise<ConversationDetails> {
  const conversation = await findConversation(ctx, conversationId);
  const [{ rows }, endUser] = await Promise.all([
    sql().query(CONVERSATION_STATE, [conversation.id, ctx.actor.id]),
    conversation.endUserId ? endUserDetails(conversation.endUserId) : null,
  ]);
  const row = rows[0]!;
  const { connection } = conversation;
  return {
    id: conversation.id,
    suncoConversationId: conversation.suncoConversationId,
    type: conversation.type,
    status: conversation.status,
    snoozedUntil: iso(row.snoozedUntil),
    labelIds: row.labelIds,
    assigneeId: conversation.assigneeId,
    unreadCount: row.unreadCount,
    metadata: row.metadata,
    channelType: row.channelType,
    lastUserMessageAt: iso(row.lastUserMessageAt),
    userLastReadAt: iso(row.userLastReadAt),
    createdAt: row.createdAt.toISOString(),
    connection: { id: connection.id, appName: connection.appName, state: connection.state, authType: connection.authType },
    endUser,
    handoff: handoffState(conversation),
    readOnlyReason: readOnlyReason(conversation),
    draft: row.draft ?? "",
  };
}
