// Writes ReadModelChanges with one multi-row statement per table, in dependency order (users, conversations, the
// rows that point at them), and says what changed as live events. Every statement is idempotent: upserts are
// guarded by SunCo timestamps (an older snapshot never replaces a newer one), timeline rows are unique per SunCo
// event, messages per SunCo message, and counters move only for rows this call inserted.
import { statement, type SqlExecutor } from "@/lib/db";
import type { LiveEventInput } from "@/lib/live/publish";
import { MESSAGE_COLUMN_KINDS } from "./message-columns";
import { messagePreview } from "./message-text";
import type { ReadModelChanges } from "./read-model-changes";

export interface ConversationRef {
  id: string;
  organizationId: string;
  /** Seen for the first time by this write. */
  inserted: boolean;
}

export interface WriteResult {
  /** By conversation key (connection id + SunCo conversation id). */
  conversations: Map<string, ConversationRef>;
  live: LiveEventInput[];
}

export interface WriteOptions {
  /**
   * New end-user messages received after this time count as unread (agents have not seen them); null counts them
   * all. History fetched after the fact passes when Sunbridge first heard of the conversation: older is read.
   */
  unreadAfter: Date | null;
}

/**
 * Rows as one jsonb parameter. PostgreSQL text cannot hold U+0000, which an end user can still type; it becomes U+FFFD
 * in the read model (the stored event keeps it).
 */
const json = (rows: unknown[]) =>
  JSON.stringify(rows, (_key, value: unknown) => (typeof value === "string" && value.includes("\0") ? value.replaceAll("\0", "\uFFFD") : value));
/** How ReadModelChanges keys users and conversations: connection id and SunCo id. */
const rowKey = (connectionId: string, suncoId: string) => `${connectionId}\u0000${suncoId}`;

/**
 * SET assignments that move a field group together: each column takes its new value when `when` holds, else keeps
 * its own. `columns` maps a column to the expression it takes (EXCLUDED's column of the same name by default).
 */
function guarded(when: string, row: string, columns: string[] | Record<string, string>): string {
  const pairs = Array.isArray(columns) ? columns.map((c) => [c, `EXCLUDED."${c}"`] as const) : Object.entries(columns);
  return pairs.map(([column, value]) => `"${column}" = CASE WHEN ${when} THEN ${value} ELSE ${row}."${column}" END`).join(",\n    ");
}

// ——— Users ———————————————————————————————————————————————————————————————————————————————————————————————————

const UPSERT_USERS = statement<{ id: string; connectionId: string; suncoUserId: string; organizationId: string; written: boolean }>(
  `
  WITH v AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(
      "organizationId" text, "connectionId" text, "suncoUserId" text,
      "coreAt" timestamptz, "authenticated" boolean, "externalId" text, "zendeskId" text, "brandId" text,
      "profileAt" timestamptz, "givenName" text, "surname" text, "email" text, "avatarUrl" text, "locale" text,
      "signedUpAt" timestamptz, "metadata" jsonb, "identities" jsonb, "displayNameAt" timestamptz, "displayName" text)
  ), written AS (
    INSERT INTO "SuncoUser" AS u ("organizationId", "connectionId", "suncoUserId", "coreAt", "authenticated", "externalId",
      "zendeskId", "brandId", "profileAt", "givenName", "surname", "email", "avatarUrl", "locale", "signedUpAt", "metadata",
      "identities", "displayName")
    SELECT "organizationId", "connectionId", "suncoUserId", "coreAt", "authenticated", "externalId", "zendeskId", "brandId",
      "profileAt", "givenName", "surname", "email", "avatarUrl", "locale", "signedUpAt", "metadata", "identities", "displayName"
      FROM v
    ON CONFLICT ("connectionId", "suncoUserId") DO UPDATE SET
    ${guarded(`EXCLUDED."coreAt" > COALESCE(u."coreAt", '-infinity')`, "u", ["authenticated", "externalId", "zendeskId", "brandId"])},
    "coreAt" = GREATEST(u."coreAt", EXCLUDED."coreAt"),
    ${guarded(`EXCLUDED."profileAt" > COALESCE(u."profileAt", '-infinity')`, "u", [
      "givenName", "surname", "email", "avatarUrl", "locale", "signedUpAt", "metadata", "identities",
    ])},
    "profileAt" = GREATEST(u."profileAt", EXCLUDED."profileAt"),
    -- A name from a message counts unless something newer than that message already described the user.
    "displayName" = CASE WHEN EXCLUDED."displayName" IS NOT NULL
                          AND (SELECT v."displayNameAt" FROM v WHERE v."connectionId" = EXCLUDED."connectionId"
                                 AND v."suncoUserId" = EXCLUDED."suncoUserId") >= COALESCE(u."coreAt", '-infinity')
                         THEN EXCLUDED."displayName" ELSE u."displayName" END
    -- Erased personal data stays erased, whatever arrives late.
    WHERE u."removedAt" IS NULL AND (
      EXCLUDED."coreAt" > COALESCE(u."coreAt", '-infinity')
      OR EXCLUDED."profileAt" > COALESCE(u."profileAt", '-infinity')
      OR (EXCLUDED."displayName" IS NOT NULL AND EXCLUDED."displayName" IS DISTINCT FROM u."displayName"))
    RETURNING u."id", u."connectionId", u."suncoUserId", u."organizationId"
  )
  SELECT "id", "connectionId", "suncoUserId", "organizationId", true AS "written" FROM written
  UNION ALL
  SELECT u."id", u."connectionId", u."suncoUserId", u."organizationId", false
    FROM "SuncoUser" u JOIN v ON u."connectionId" = v."connectionId" AND u."suncoUserId" = v."suncoUserId"`,
  { id: "string", connectionId: "string", suncoUserId: "string", organizationId: "string", written: "boolean" },
);

async function writeUsers(tx: SqlExecutor, changes: ReadModelChanges, live: LiveEventInput[]) {
  const rows = [...changes.users.values()].map((user) => ({
    organizationId: user.organizationId,
    connectionId: user.connectionId,
    suncoUserId: user.suncoUserId,
    coreAt: user.core?.at ?? null,
    ...user.core?.value,
    profileAt: user.profile?.at ?? null,
    ...user.profile?.value,
    displayNameAt: user.displayName?.at ?? null,
    displayName: user.displayName?.value ?? null,
  }));
  const ids = new Map<string, string>();
  if (rows.length === 0) return ids;
  const { rows: result } = await tx.query(UPSERT_USERS, [json(rows)]);
  for (const row of result) {
    const k = rowKey(row.connectionId, row.suncoUserId);
    if (row.written && changes.users.get(k)?.announce) {
      live.push({ organizationId: row.organizationId, type: "user.updated", data: { userId: row.id } });
    }
    ids.set(k, row.id);
  }
  return ids;
}

// ——— Conversations ———————————————————————————————————————————————————————————————————————————————————————————

/** The batch's non-message activity for the conflicting row (EXCLUDED holds only table columns). */
const ACTIVITY_OF_ROW = `(SELECT v."activityAt" FROM v
  WHERE v."connectionId" = EXCLUDED."connectionId" AND v."suncoConversationId" = EXCLUDED."suncoConversationId")`;

/**
 * A new conversation starts at its latest activity or message, or, first seen through something else (a delivery
 * receipt, say), at that event's time. An existing one is written only when something about it is newer — not
 * for each message, which the message insert accounts for — and the rows left alone are read back for their ids.
 */
const UPSERT_CONVERSATIONS = statement<{ id: string; organizationId: string; connectionId: string; suncoConversationId: string; inserted: boolean }>(
  `
  WITH v AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(
      "organizationId" text, "connectionId" text, "suncoConversationId" text, "type" text, "endUserId" uuid,
      "seenAt" timestamptz, "activityAt" timestamptz, "messageAt" timestamptz, "metadataAt" timestamptz, "metadata" jsonb,
      "switchboardAt" timestamptz, "active" jsonb, "pending" jsonb, "userLastReadAt" timestamptz, "suncoCreatedAt" timestamptz)
  ), written AS (
    INSERT INTO "Conversation" AS c ("organizationId", "connectionId", "suncoConversationId", "type", "endUserId",
      "metadata", "metadataAt", "activeSwitchboardIntegration", "pendingSwitchboardIntegration", "switchboardAt",
      "userLastReadAt", "suncoCreatedAt", "lastActivityAt")
    SELECT "organizationId", "connectionId", "suncoConversationId", "type", "endUserId", "metadata", "metadataAt",
           "active", "pending", "switchboardAt", "userLastReadAt", "suncoCreatedAt",
           COALESCE(GREATEST("activityAt", "messageAt"), "seenAt")
      FROM v
    ON CONFLICT ("connectionId", "suncoConversationId") DO UPDATE SET
      "type" = EXCLUDED."type",
      "endUserId" = COALESCE(c."endUserId", EXCLUDED."endUserId"),
      "metadata" = CASE WHEN c."removedAt" IS NULL AND EXCLUDED."metadataAt" > COALESCE(c."metadataAt", '-infinity')
                        THEN EXCLUDED."metadata" ELSE c."metadata" END,
      "metadataAt" = GREATEST(c."metadataAt", EXCLUDED."metadataAt"),
      ${guarded(`EXCLUDED."switchboardAt" > COALESCE(c."switchboardAt", '-infinity')`, "c", [
        "activeSwitchboardIntegration", "pendingSwitchboardIntegration",
      ])},
      "switchboardAt" = GREATEST(c."switchboardAt", EXCLUDED."switchboardAt"),
      "userLastReadAt" = GREATEST(c."userLastReadAt", EXCLUDED."userLastReadAt"),
      "suncoCreatedAt" = LEAST(c."suncoCreatedAt", EXCLUDED."suncoCreatedAt"),
      "lastActivityAt" = GREATEST(c."lastActivityAt", ${ACTIVITY_OF_ROW})
    WHERE EXCLUDED."type" IS DISTINCT FROM c."type"
       OR (c."endUserId" IS NULL AND EXCLUDED."endUserId" IS NOT NULL)
       OR EXCLUDED."metadataAt" > COALESCE(c."metadataAt", '-infinity')
       OR EXCLUDED."switchboardAt" > COALESCE(c."switchboardAt", '-infinity')
       OR EXCLUDED."userLastReadAt" > COALESCE(c."userLastReadAt", '-infinity')
       OR EXCLUDED."suncoCreatedAt" < COALESCE(c."suncoCreatedAt", 'infinity')
       OR ${ACTIVITY_OF_ROW} > c."lastActivityAt"
    RETURNING c."id", c."organizationId", c."connectionId", c."suncoConversationId", (c.xmax = 0) AS "inserted"
  )
  SELECT * FROM written
  UNION ALL
  SELECT c."id", c."organizationId", c."connectionId", c."suncoConversationId", false
    FROM "Conversation" c JOIN v ON c."connectionId" = v."connectionId" AND c."suncoConversationId" = v."suncoConversationId"`,
  { id: "string", organizationId: "string", connectionId: "string", suncoConversationId: "string", inserted: "boolean" },
);

async function writeConversations(tx: SqlExecutor, changes: ReadModelChanges, userIds: Map<string, string>) {
  const rows = [...changes.conversations.values()].map((conversation) => ({
    organizationId: conversation.organizationId,
    connectionId: conversation.connectionId,
    suncoConversationId: conversation.suncoConversationId,
    type: conversation.type,
    endUserId: conversation.endUserSuncoId
      ? (userIds.get(rowKey(conversation.connectionId, conversation.endUserSuncoId)) ?? null)
      : null,
    seenAt: conversation.seenAt,
    activityAt: conversation.activityAt ?? null,
    messageAt: conversation.messageAt ?? null,
    metadataAt: conversation.metadata?.at ?? null,
    metadata: conversation.metadata?.value ?? null,
    switchboardAt: conversation.switchboard?.at ?? null,
    active: conversation.switchboard?.value.active ?? null,
    pending: conversation.switchboard?.value.pending ?? null,
    userLastReadAt: conversation.userLastReadAt ?? null,
    suncoCreatedAt: conversation.suncoCreatedAt ?? null,
  }));
  const refs = new Map<string, ConversationRef>();
  if (rows.length === 0) return refs;
  const { rows: result } = await tx.query(UPSERT_CONVERSATIONS, [json(rows)]);
  // An updated row comes back twice (written, and as it was before); a new one only once, as written.
  for (const row of result) {
    const key = rowKey(row.connectionId, row.suncoConversationId);
    if (refs.has(key)) continue;
    refs.set(key, {
      id: row.id,
      organizationId: row.organizationId,
      inserted: row.inserted,
    });
  }
  return refs;
}

// ——— Participants, clients, devices ——————————————————————————————————————————————————————————————————————————

const UPSERT_PARTICIPANTS = `
  INSERT INTO "ConversationParticipant" AS p ("conversationId", "userId", "joinedAt", "leftAt")
  SELECT "conversationId", "userId", "joinedAt", "leftAt"
    FROM jsonb_to_recordset($1::jsonb) AS v("conversationId" uuid, "userId" uuid, "joinedAt" timestamptz, "leftAt" timestamptz)
  ON CONFLICT ("conversationId", "userId") DO UPDATE SET
    "joinedAt" = GREATEST(p."joinedAt", EXCLUDED."joinedAt"),
    "leftAt" = GREATEST(p."leftAt", EXCLUDED."leftAt")
  WHERE EXCLUDED."joinedAt" > COALESCE(p."joinedAt", '-infinity') OR EXCLUDED."leftAt" > COALESCE(p."leftAt", '-infinity')`;

async function writeParticipants(
  tx: SqlExecutor,
  changes: ReadModelChanges,
  userIds: Map<string, string>,
  conversations: Map<string, ConversationRef>,
) {
  const rows = [...changes.participants.values()].flatMap((participant) => {
    const conversation = conversations.get(participant.conversationKey);
    const connectionId = participant.conversationKey.split("\u0000")[0]!;
    const userId = userIds.get(rowKey(connectionId, participant.suncoUserId));
    if (!conversation || !userId) return [];
    return [{ conversationId: conversation.id, userId, joinedAt: participant.joinedAt ?? null, leftAt: participant.leftAt ?? null }];
  });
  if (rows.length > 0) await tx.query(UPSERT_PARTICIPANTS, [json(rows)]);
}

// A client or device of a user whose data was erased is not written back.
const UPSERT_CLIENTS = `
  INSERT INTO "SuncoClient" AS k ("connectionId", "suncoClientId", "userId", "type", "status", "integrationId", "externalId",
    "displayName", "avatarUrl", "info", "raw", "lastSeenAt", "linkedAt", "snapshotAt", "removedAt", "removedReason")
  SELECT v."connectionId", v."suncoClientId", v."userId", v."type", v."status", v."integrationId", v."externalId",
         v."displayName", v."avatarUrl", v."info", v."raw", v."lastSeenAt", v."linkedAt", v."snapshotAt", v."removedAt",
         v."removedReason"
    FROM jsonb_to_recordset($1::jsonb) AS v("connectionId" text, "suncoClientId" text, "userId" uuid, "type" text,
      "status" text, "integrationId" text, "externalId" text, "displayName" text, "avatarUrl" text, "info" jsonb,
      "raw" jsonb, "lastSeenAt" timestamptz, "linkedAt" timestamptz, "snapshotAt" timestamptz, "removedAt" timestamptz,
      "removedReason" text)
    JOIN "SuncoUser" u ON u."id" = v."userId" AND u."removedAt" IS NULL
  ON CONFLICT ("connectionId", "suncoClientId") DO UPDATE SET
    ("userId", "type", "status", "integrationId", "externalId", "displayName", "avatarUrl", "info", "raw", "lastSeenAt",
     "linkedAt", "snapshotAt", "removedAt", "removedReason") =
    (EXCLUDED."userId", EXCLUDED."type", EXCLUDED."status", EXCLUDED."integrationId", EXCLUDED."externalId",
     EXCLUDED."displayName", EXCLUDED."avatarUrl", EXCLUDED."info", EXCLUDED."raw", EXCLUDED."lastSeenAt",
     EXCLUDED."linkedAt", EXCLUDED."snapshotAt", EXCLUDED."removedAt", EXCLUDED."removedReason")
  WHERE EXCLUDED."snapshotAt" > k."snapshotAt"`;

async function writeClients(tx: SqlExecutor, changes: ReadModelChanges, userIds: Map<string, string>) {
  const rows = [...changes.clients.values()].flatMap((change) => {
    const userId = userIds.get(rowKey(change.connectionId, change.suncoUserId));
    if (!userId) return [];
    const { client, removedReason } = change.snapshot.value;
    return [
      {
        connectionId: change.connectionId,
        suncoClientId: change.suncoClientId,
        userId,
        type: client.type,
        status: client.status,
        integrationId: client.integrationId ?? null,
        externalId: client.externalId ?? null,
        displayName: client.displayName ?? null,
        avatarUrl: client.avatarUrl ?? null,
        info: client.info ?? null,
        raw: client.raw ?? null,
        lastSeenAt: client.lastSeen ?? null,
        linkedAt: client.linkedAt ?? null,
        snapshotAt: change.snapshot.at,
        removedAt: removedReason ? change.snapshot.at : null,
        removedReason,
      },
    ];
  });
  if (rows.length > 0) await tx.query(UPSERT_CLIENTS, [json(rows)]);
}

const UPSERT_DEVICES = `
  INSERT INTO "SuncoDevice" AS d ("connectionId", "suncoDeviceId", "userId", "suncoClientId", "type", "guid", "status",
    "integrationId", "appVersion", "info", "lastSeenAt", "snapshotAt")
  SELECT v."connectionId", v."suncoDeviceId", v."userId", v."suncoClientId", v."type", v."guid", v."status",
         v."integrationId", v."appVersion", v."info", v."lastSeenAt", v."snapshotAt"
    FROM jsonb_to_recordset($1::jsonb) AS v("connectionId" text, "suncoDeviceId" text, "userId" uuid, "suncoClientId" text,
      "type" text, "guid" text, "status" text, "integrationId" text, "appVersion" text, "info" jsonb,
      "lastSeenAt" timestamptz, "snapshotAt" timestamptz)
    JOIN "SuncoUser" u ON u."id" = v."userId" AND u."removedAt" IS NULL
  ON CONFLICT ("connectionId", "suncoDeviceId") DO UPDATE SET
    ("userId", "suncoClientId", "type", "guid", "status", "integrationId", "appVersion", "info", "lastSeenAt", "snapshotAt") =
    (EXCLUDED."userId", EXCLUDED."suncoClientId", EXCLUDED."type", EXCLUDED."guid", EXCLUDED."status",
     EXCLUDED."integrationId", EXCLUDED."appVersion", EXCLUDED."info", EXCLUDED."lastSeenAt", EXCLUDED."snapshotAt")
  WHERE EXCLUDED."snapshotAt" > d."snapshotAt"`;

async function writeDevices(tx: SqlExecutor, changes: ReadModelChanges, userIds: Map<string, string>) {
  const rows = [...changes.devices.values()].flatMap((change) => {
    const userId = userIds.get(rowKey(change.connectionId, change.suncoUserId));
    if (!userId) return [];
    // Not the push token: a credential for the tenant's push provider, not something an inbox shows.
    const device = change.snapshot.value;
    return [
      {
        connectionId: change.connectionId,
        suncoDeviceId: change.suncoDeviceId,
        userId,
        suncoClientId: device.clientId ?? null,
        type: device.type,
        guid: device.guid ?? null,
        status: device.status,
        integrationId: device.integrationId ?? null,
        appVersion: device.appVersion ?? null,
        info: device.info ?? null,
        lastSeenAt: device.lastSeen ?? null,
        snapshotAt: change.snapshot.at,
      },
    ];
  });
  if (rows.length > 0) await tx.query(UPSERT_DEVICES, [json(rows)]);
}

// ——— Messages ————————————————————————————————————————————————————————————————————————————————————————————————

const MESSAGE_COLUMNS = `"id", "conversationId", "suncoMessageId", "clientMessageId", "authorType", "authorUserId",
  "authorDisplayName", "authorAvatarUrl", "contentType", "content", "text", "sourceType", "sourceIntegrationId",
  "metadata", "deleted", "receivedAt", "deliveryStatus", "deliveryError"`;

/**
 * Inserts messages (a message seen before is left alone, or, for an outbox echo, completed once) and moves each
 * conversation's last message, channel and unread count for the messages this statement inserted, in one round trip.
 * A delivery event that arrived before its message already left a timeline: the message starts at that status.
 */
function insertMessagesSql(conflict: "suncoMessageId" | "clientMessageId") {
  const onConflict =
    conflict === "suncoMessageId"
      ? `ON CONFLICT ("conversationId", "suncoMessageId") DO NOTHING`
      : `ON CONFLICT ("conversationId", "clientMessageId") DO UPDATE SET
           ("suncoMessageId", "authorType", "authorUserId", "authorDisplayName", "authorAvatarUrl", "author", "contentType",
            "content", "text", "sourceType", "sourceIntegrationId", "source", "metadata", "quotedMessage", "receivedAt",
            "deliveryStatus") =
           (EXCLUDED."suncoMessageId", EXCLUDED."authorType", EXCLUDED."authorUserId", EXCLUDED."authorDisplayName",
            EXCLUDED."authorAvatarUrl", EXCLUDED."author", EXCLUDED."contentType", EXCLUDED."content", EXCLUDED."text",
            EXCLUDED."sourceType", EXCLUDED."sourceIntegrationId", EXCLUDED."source", EXCLUDED."metadata",
            EXCLUDED."quotedMessage", EXCLUDED."receivedAt", GREATEST(m."deliveryStatus", EXCLUDED."deliveryStatus"))
         WHERE m."suncoMessageId" IS NULL`;
  return `
  WITH v AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS v("organizationId" text, "conversationId" uuid, "suncoMessageId" text,
      "clientMessageId" text, "authorType" text, "authorUserId" uuid, "authorDisplayName" text, "authorAvatarUrl" text,
      "author" jsonb, "contentType" text, "content" jsonb, "text" text, "preview" text, "sourceType" text,
      "sourceIntegrationId" text, "source" jsonb, "metadata" jsonb, "quotedMessage" jsonb, "deleted" boolean,
      "receivedAt" timestamptz)
  ), timeline AS (
    SELECT DISTINCT ON (d."conversationId", d."suncoMessageId") d."conversationId", d."suncoMessageId", d."kind",
           concat_ws(': ', d."errorCode", d."errorMessage") AS "error"
      FROM "MessageDelivery" d JOIN v ON d."conversationId" = v."conversationId" AND d."suncoMessageId" = v."suncoMessageId"
     ORDER BY d."conversationId", d."suncoMessageId", d."kind" DESC, d."occurredAt" DESC
  ), written AS (
    INSERT INTO "Message" AS m ("organizationId", "conversationId", "suncoMessageId", "clientMessageId", "authorType",
      "authorUserId", "authorDisplayName", "authorAvatarUrl", "author", "contentType", "content", "text", "sourceType",
      "sourceIntegrationId", "source", "metadata", "quotedMessage", "deleted", "receivedAt", "deliveryStatus", "deliveryError")
    SELECT v."organizationId", v."conversationId", v."suncoMessageId", v."clientMessageId", v."authorType", v."authorUserId",
           v."authorDisplayName", v."authorAvatarUrl", v."author", v."contentType", v."content", v."text", v."sourceType",
           v."sourceIntegrationId", v."source", v."metadata", v."quotedMessage", v."deleted", v."receivedAt",
           GREATEST('sent'::"MessageDeliveryStatus", t."kind"), CASE WHEN t."kind" = 'failed' THEN t."error" END
      FROM v
      JOIN "Conversation" c ON c."id" = v."conversationId"
      LEFT JOIN timeline t ON t."conversationId" = v."conversationId" AND t."suncoMessageId" = v."suncoMessageId"
     -- A removed conversation takes no message it had before its removal (a late redelivery).
     WHERE c."removedAt" IS NULL OR v."receivedAt" > c."removedAt"
    ${onConflict}
    RETURNING ${MESSAGE_COLUMNS.replace(/"(\w+)"/g, 'm."$1"')}, (m.xmax = 0) AS "inserted"
  ), latest AS (
    SELECT DISTINCT ON (w."conversationId") w."conversationId", w."receivedAt", w."authorType", v."preview"
      FROM written w JOIN v ON v."conversationId" = w."conversationId" AND v."suncoMessageId" = w."suncoMessageId"
     ORDER BY w."conversationId", w."receivedAt" DESC, w."suncoMessageId" DESC
  ), latest_from_user AS (
    SELECT DISTINCT ON (w."conversationId") w."conversationId", w."receivedAt", w."sourceType", w."sourceIntegrationId"
      FROM written w WHERE w."authorType" = 'user'
     ORDER BY w."conversationId", w."receivedAt" DESC, w."suncoMessageId" DESC
  ), unread AS (
    SELECT w."conversationId", count(*) AS "count"
      FROM written w JOIN "Conversation" c ON c."id" = w."conversationId"
     WHERE w."inserted" AND w."authorType" = 'user'
       AND w."receivedAt" > GREATEST(c."agentLastReadAt", $2::timestamptz, '-infinity'::timestamptz)
     GROUP BY w."conversationId"
  ), moved AS (
    UPDATE "Conversation" c SET
      ${guarded(`l."receivedAt" >= COALESCE(c."lastMessageAt", '-infinity')`, "c", {
        lastMessageAt: `l."receivedAt"`,
        lastMessagePreview: `l."preview"`,
        lastMessageAuthorType: `l."authorType"`,
      })},
      ${guarded(`lu."receivedAt" >= COALESCE(c."lastUserMessageAt", '-infinity')`, "c", {
        lastUserMessageAt: `lu."receivedAt"`,
        channelType: `lu."sourceType"`,
        channelIntegrationId: `lu."sourceIntegrationId"`,
      })},
      "unreadCount" = c."unreadCount" + COALESCE(n."count", 0),
      -- The end user writing reopens a conversation that was waiting on them (pending) or resolved.
      "status" = CASE WHEN n."count" > 0 THEN 'open' ELSE c."status" END,
      "lastActivityAt" = GREATEST(c."lastActivityAt", l."receivedAt")
      FROM latest l
      LEFT JOIN latest_from_user lu ON lu."conversationId" = l."conversationId"
      LEFT JOIN unread n ON n."conversationId" = l."conversationId"
     WHERE c."id" = l."conversationId"
  )
  SELECT * FROM written`;
}

const WRITTEN_MESSAGE = {
  ...MESSAGE_COLUMN_KINDS,
  authorUserId: "string?",
  sourceIntegrationId: "string?",
  metadata: "json?",
  inserted: "boolean",
} as const;

const INSERT_MESSAGES = {
  suncoMessageId: statement<WrittenMessage>(insertMessagesSql("suncoMessageId"), WRITTEN_MESSAGE),
  clientMessageId: statement<WrittenMessage>(insertMessagesSql("clientMessageId"), WRITTEN_MESSAGE),
};

interface WrittenMessage {
  id: string;
  conversationId: string;
  suncoMessageId: string | null;
  clientMessageId: string | null;
  authorType: string;
  authorUserId: string | null;
  authorDisplayName: string | null;
  authorAvatarUrl: string | null;
  contentType: string;
  content: unknown;
  text: string;
  sourceType: string | null;
  sourceIntegrationId: string | null;
  metadata: unknown;
  deleted: boolean;
  receivedAt: Date;
  deliveryStatus: string;
  deliveryError: string | null;
  inserted: boolean;
}

async function writeMessages(
  tx: SqlExecutor,
  changes: ReadModelChanges,
  userIds: Map<string, string>,
  conversations: Map<string, ConversationRef>,
  options: WriteOptions,
  live: LiveEventInput[],
) {
  const rows = [...changes.messages.values()].flatMap((message) => {
    const conversation = conversations.get(message.conversationKey);
    if (!conversation) return [];
    const connectionId = message.conversationKey.split("\u0000")[0]!;
    const { authorSuncoUserId, ...fields } = message;
    return [
      {
        ...fields,
        organizationId: conversation.organizationId,
        conversationId: conversation.id,
        authorUserId: authorSuncoUserId ? (userIds.get(rowKey(connectionId, authorSuncoUserId)) ?? null) : null,
        preview: messagePreview(message.contentType, message.text),
      },
    ];
  });
  const echoes = rows.filter((row) => row.clientMessageId);
  const others = rows.filter((row) => !row.clientMessageId);
  const written: WrittenMessage[] = [];
  for (const [group, conflict] of [
    [others, "suncoMessageId"],
    [echoes, "clientMessageId"],
  ] as const) {
    if (group.length === 0) continue;
    const { rows: result } = await tx.query(INSERT_MESSAGES[conflict], [json(group), options.unreadAfter]);
    written.push(...result);
  }
  const organizationOf = new Map([...conversations.values()].map((c) => [c.id, c.organizationId]));
  for (const { inserted, ...message } of written) {
    live.push({
      organizationId: organizationOf.get(message.conversationId)!,
      type: inserted ? "message.created" : "message.updated",
      data: { conversationId: message.conversationId, message },
    });
  }
}

// ——— Delivery timeline ———————————————————————————————————————————————————————————————————————————————————————

const INSERT_DELIVERIES = statement<{ id: string; conversationId: string; suncoMessageId: string | null; deliveryStatus: string; deliveryError: string | null }>(
  `
  WITH v AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS v("conversationId" uuid, "suncoMessageId" text, "suncoEventId" text,
      "kind" "MessageDeliveryStatus", "destinationType" text, "destinationIntegrationId" text, "externalMessageIds" text[],
      "isFinal" boolean, "errorCode" text, "errorMessage" text, "occurredAt" timestamptz)
  ), recorded AS (
    INSERT INTO "MessageDelivery" ("conversationId", "suncoMessageId", "suncoEventId", "kind", "destinationType",
      "destinationIntegrationId", "externalMessageIds", "isFinal", "errorCode", "errorMessage", "occurredAt")
    SELECT v.* FROM v JOIN "Conversation" c ON c."id" = v."conversationId"
     WHERE c."removedAt" IS NULL OR v."occurredAt" > c."removedAt"
    ON CONFLICT ("conversationId", "suncoEventId") DO NOTHING
    RETURNING "conversationId", "suncoMessageId", "kind", concat_ws(': ', "errorCode", "errorMessage") AS "error", "occurredAt"
  ), furthest AS (
    SELECT DISTINCT ON ("conversationId", "suncoMessageId") *
      FROM recorded ORDER BY "conversationId", "suncoMessageId", "kind" DESC, "occurredAt" DESC
  )
  UPDATE "Message" m SET
    "deliveryStatus" = f."kind",
    "deliveryError" = CASE WHEN f."kind" = 'failed' THEN f."error" ELSE m."deliveryError" END
    FROM furthest f
   WHERE m."conversationId" = f."conversationId" AND m."suncoMessageId" = f."suncoMessageId" AND f."kind" > m."deliveryStatus"
  RETURNING m."id", m."conversationId", m."suncoMessageId", m."deliveryStatus", m."deliveryError"`,
  { id: "string", conversationId: "string", suncoMessageId: "string?", deliveryStatus: "string", deliveryError: "string?" },
);

async function writeDeliveries(
  tx: SqlExecutor,
  changes: ReadModelChanges,
  conversations: Map<string, ConversationRef>,
  live: LiveEventInput[],
) {
  const rows = changes.deliveries.flatMap(({ conversationKey, ...delivery }) => {
    const conversation = conversations.get(conversationKey);
    return conversation ? [{ ...delivery, conversationId: conversation.id }] : [];
  });
  if (rows.length === 0) return;
  const { rows: moved } = await tx.query(INSERT_DELIVERIES, [json(rows)]);
  const organizationOf = new Map([...conversations.values()].map((c) => [c.id, c.organizationId]));
  for (const message of moved) {
    live.push({ organizationId: organizationOf.get(message.conversationId)!, type: "message.delivery", data: message });
  }
}

// ——— Activities (the non-message timeline) ———————————————————————————————————————————————————————————————————

const INSERT_ACTIVITIES = statement<{ id: string; conversationId: string; suncoEventId: string; type: string; userId: string | null; data: unknown; occurredAt: Date }>(
  `
  INSERT INTO "ConversationActivity" ("conversationId", "suncoEventId", "type", "userId", "data", "occurredAt")
  SELECT v."conversationId", v."suncoEventId", v."type", v."userId", v."data", v."occurredAt"
    FROM jsonb_to_recordset($1::jsonb) AS v("conversationId" uuid, "suncoEventId" text, "type" text, "userId" uuid,
      "data" jsonb, "occurredAt" timestamptz)
    JOIN "Conversation" c ON c."id" = v."conversationId"
   WHERE c."removedAt" IS NULL OR v."occurredAt" > c."removedAt"
  ON CONFLICT ("conversationId", "suncoEventId") DO NOTHING
  RETURNING "id"::text, "conversationId", "suncoEventId", "type", "userId", "data", "occurredAt"`,
  { id: "string", conversationId: "string", suncoEventId: "string", type: "string", userId: "string?", data: "json?", occurredAt: "Date" },
);

async function writeActivities(
  tx: SqlExecutor,
  changes: ReadModelChanges,
  userIds: Map<string, string>,
  conversations: Map<string, ConversationRef>,
  live: LiveEventInput[],
) {
  const rows = changes.activities.flatMap(({ conversationKey, suncoUserId, ...activity }) => {
    const conversation = conversations.get(conversationKey);
    if (!conversation) return [];
    const connectionId = conversationKey.split("\u0000")[0]!;
    return [{ ...activity, conversationId: conversation.id, userId: suncoUserId ? (userIds.get(rowKey(connectionId, suncoUserId)) ?? null) : null }];
  });
  if (rows.length === 0) return;
  const { rows: inserted } = await tx.query(INSERT_ACTIVITIES, [json(rows)]);
  const organizationOf = new Map([...conversations.values()].map((c) => [c.id, c.organizationId]));
  for (const activity of inserted) {
    live.push({ organizationId: organizationOf.get(activity.conversationId)!, type: "conversation.activity", data: activity });
  }
}

// ——— Typing (live only) ——————————————————————————————————————————————————————————————————————————————————————

const CONVERSATIONS_BY_SUNCO_ID = statement<{ id: string; organizationId: string; connectionId: string; suncoConversationId: string }>(
  `SELECT c."id", c."organizationId", c."connectionId", c."suncoConversationId"
     FROM "Conversation" c JOIN unnest($1::text[], $2::text[]) AS k("connectionId", "suncoConversationId")
       ON c."connectionId" = k."connectionId" AND c."suncoConversationId" = k."suncoConversationId"`,
  { id: "string", organizationId: "string", connectionId: "string", suncoConversationId: "string" },
);

async function typingEvents(tx: SqlExecutor, changes: ReadModelChanges, conversations: Map<string, ConversationRef>, live: LiveEventInput[]) {
  if (changes.typing.length === 0) return;
  const unknown = [...new Set(changes.typing.map((t) => t.conversationKey).filter((k) => !conversations.has(k)))];
  const found = new Map(conversations);
  if (unknown.length > 0) {
    const parts = unknown.map((k) => k.split("\u0000"));
    const { rows } = await tx.query(CONVERSATIONS_BY_SUNCO_ID, [parts.map((p) => p[0]), parts.map((p) => p[1])]);
    for (const row of rows) found.set(rowKey(row.connectionId, row.suncoConversationId), { ...row, inserted: false });
  }
  for (const signal of changes.typing) {
    const conversation = found.get(signal.conversationKey);
    // Typing in a conversation Sunbridge has not seen yet: nobody has it open.
    if (!conversation) continue;
    live.push({
      organizationId: conversation.organizationId,
      type: "typing",
      data: { conversationId: conversation.id, suncoUserId: signal.suncoUserId, typing: signal.typing, at: signal.at },
    });
  }
}

// ——— Conversation summaries for live updates —————————————————————————————————————————————————————————————————

export const CONVERSATION_SUMMARY_COLUMNS = `"id", "organizationId", "connectionId", "suncoConversationId", "type", "endUserId",
  "status", "assigneeId", "unreadCount", "lastMessagePreview", "lastMessageAuthorType", "lastMessageAt", "lastActivityAt",
  "lastUserMessageAt", "channelType", "userLastReadAt", "activeSwitchboardIntegration", "pendingSwitchboardIntegration",
  "metadata", "removedAt"`;

/** A conversation's row as CONVERSATION_SUMMARY_COLUMNS select it. */
interface ConversationSummaryRow {
  id: string;
  organizationId: string;
  connectionId: string;
  suncoConversationId: string;
  type: string;
  endUserId: string | null;
  status: string;
  assigneeId: string | null;
  unreadCount: number;
  lastMessagePreview: string | null;
  lastMessageAuthorType: string | null;
  lastMessageAt: Date | null;
  lastActivityAt: Date;
  lastUserMessageAt: Date | null;
  channelType: string | null;
  userLastReadAt: Date | null;
  activeSwitchboardIntegration: unknown;
  pendingSwitchboardIntegration: unknown;
  metadata: unknown;
  removedAt: Date | null;
}

const CONVERSATION_SUMMARIES = statement<ConversationSummaryRow>(
  `SELECT ${CONVERSATION_SUMMARY_COLUMNS} FROM "Conversation" WHERE "id" = ANY($1::uuid[])`,
  {
    id: "string",
    organizationId: "string",
    connectionId: "string",
    suncoConversationId: "string",
    type: "string",
    endUserId: "string?",
    status: "string",
    assigneeId: "string?",
    unreadCount: "number",
    lastMessagePreview: "string?",
    lastMessageAuthorType: "string?",
    lastMessageAt: "Date?",
    lastActivityAt: "Date",
    lastUserMessageAt: "Date?",
    channelType: "string?",
    userLastReadAt: "Date?",
    activeSwitchboardIntegration: "json?",
    pendingSwitchboardIntegration: "json?",
    metadata: "json?",
    removedAt: "Date?",
  },
);

export async function conversationUpdates(tx: SqlExecutor, ids: string[]): Promise<LiveEventInput[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query(CONVERSATION_SUMMARIES, [ids]);
  return rows.map((conversation) => ({ organizationId: conversation.organizationId, type: "conversation.updated", data: { conversation } }));
}

/** Writes everything `changes` holds; returns the conversations it touched and the live events to publish. */
export async function writeChanges(tx: SqlExecutor, changes: ReadModelChanges, options: WriteOptions): Promise<WriteResult> {
  const live: LiveEventInput[] = [];
  const userIds = await writeUsers(tx, changes, live);
  const conversations = await writeConversations(tx, changes, userIds);
  await writeParticipants(tx, changes, userIds, conversations);
  await writeClients(tx, changes, userIds);
  await writeDevices(tx, changes, userIds);
  await writeMessages(tx, changes, userIds, conversations, options, live);
  await writeDeliveries(tx, changes, conversations, live);
  await writeActivities(tx, changes, userIds, conversations, live);
  await typingEvents(tx, changes, conversations, live);
  live.push(...(await conversationUpdates(tx, [...new Set([...conversations.values()].map((c) => c.id))])));
  return { conversations, live };
}
