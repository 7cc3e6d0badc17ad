// The three events that reshape rows rather than describe them — a conversation removed, a user removed, two users
// merged — each applied on its own, in the order of the batch. All are idempotent (a replay finds nothing left to
// move or erase) and tombstone what they remove, so a late redelivery of an older event cannot bring it back.
import { pickColumns, statement, type SqlExecutor } from "@/lib/db";
import type { WebhookEventOf } from "@/lib/sunco/schemas";
import { conversationUpdates, type ConversationLiveEvent } from "./live-events";
import { ReadModelChanges } from "./read-model-changes";
import type { EventContext } from "./reduce-event";
import { MESSAGE_ROW, type MessageRow } from "./rows";
import { writeChanges } from "./write-changes";
import { setLastMessage } from "./write/last-message";

/** Deletes what a conversation held up to `at` and clears what it showed of it. */
async function eraseConversations(tx: SqlExecutor, conversationIds: string[], at: Date) {
  if (conversationIds.length === 0) return;
  const ids = [conversationIds];
  await tx.query(`DELETE FROM "Message" WHERE "conversationId" = ANY($1::uuid[]) AND "receivedAt" <= $2`, [...ids, at]);
  await tx.query(`DELETE FROM "MessageDelivery" WHERE "conversationId" = ANY($1::uuid[]) AND "occurredAt" <= $2`, [...ids, at]);
  await tx.query(`DELETE FROM "ConversationActivity" WHERE "conversationId" = ANY($1::uuid[]) AND "occurredAt" <= $2`, [...ids, at]);
  await tx.query(
    `UPDATE "Conversation" SET "removedAt" = GREATEST("removedAt", $2), "metadata" = NULL, "lastMessagePreview" = NULL,
            "lastMessageAuthorType" = NULL, "lastMessageAt" = NULL, "unreadCount" = 0
      WHERE "id" = ANY($1::uuid[])`,
    [...ids, at],
  );
}

const TOMBSTONE_CONVERSATION = statement<{ id: string }>(
  `INSERT INTO "Conversation" AS c ("organizationId", "connectionId", "suncoConversationId", "type", "lastActivityAt")
   VALUES ($1, $2, $3, $4, $5)
   ON CONFLICT ("connectionId", "suncoConversationId") DO UPDATE SET "type" = c."type"
   RETURNING c."id"`,
  { id: "string" },
);

/** The conversation row, created as a tombstone when Sunbridge never saw it. */
async function conversationId(tx: SqlExecutor, context: EventContext, conversation: { id: string; type: string }) {
  const { rows } = await tx.query(TOMBSTONE_CONVERSATION, [
    context.organizationId,
    context.connectionId,
    conversation.id,
    conversation.type,
    context.at,
  ]);
  return rows[0]!.id;
}

async function removeConversation(tx: SqlExecutor, context: EventContext, event: WebhookEventOf<"conversation:remove">) {
  const id = await conversationId(tx, context, event.payload.conversation);
  await eraseConversations(tx, [id], context.at);
  return conversationUpdates(tx, [id]);
}

const PERSONAL_DATA = [
  "externalId",
  "zendeskId",
  "brandId",
  "givenName",
  "surname",
  "email",
  "avatarUrl",
  "locale",
  "signedUpAt",
  "metadata",
  "identities",
  "displayName",
];

const ERASE_USER = statement<{ id: string }>(
  `INSERT INTO "SuncoUser" AS u ("organizationId", "connectionId", "suncoUserId", "removedAt") VALUES ($1, $2, $3, $4)
   ON CONFLICT ("connectionId", "suncoUserId") DO UPDATE SET
     ${PERSONAL_DATA.map((column) => `"${column}" = NULL`).join(", ")},
     "removedAt" = GREATEST(u."removedAt", EXCLUDED."removedAt")
   RETURNING u."id"`,
  { id: "string" },
);

const PERSONAL_CONVERSATIONS = statement<{ id: string }>(`SELECT "id" FROM "Conversation" WHERE "endUserId" = $1 AND "type" = 'personal'`, {
  id: "string",
});

/** user:remove: the user's personal data, channels, devices and conversation history are erased. */
async function removeUser(tx: SqlExecutor, context: EventContext, event: WebhookEventOf<"user:remove">): Promise<ConversationLiveEvent[]> {
  const { rows } = await tx.query(ERASE_USER, [context.organizationId, context.connectionId, event.payload.user.id, context.at]);
  const userId = rows[0]!.id;
  await tx.query(`DELETE FROM "SuncoClient" WHERE "userId" = $1`, [userId]);
  await tx.query(`DELETE FROM "SuncoDevice" WHERE "userId" = $1`, [userId]);
  await tx.query(`DELETE FROM "Message" WHERE "authorUserId" = $1`, [userId]);
  await tx.query(`DELETE FROM "ConversationActivity" WHERE "userId" = $1`, [userId]);
  const { rows: personal } = await tx.query(PERSONAL_CONVERSATIONS, [userId]);
  await eraseConversations(tx, personal.map((c) => c.id), context.at);
  return [
    { organizationId: context.organizationId, type: "user.updated", data: { userId } },
    ...(await conversationUpdates(tx, personal.map((c) => c.id))),
  ];
}

const LATEST_MESSAGE = statement<Pick<MessageRow, "contentType" | "text" | "receivedAt" | "authorType">>(
  `SELECT "contentType", "text", "receivedAt", "authorType" FROM "Message"
    WHERE "conversationId" = $1 ORDER BY "receivedAt" DESC, "id" DESC LIMIT 1`,
  pickColumns(MESSAGE_ROW, ["contentType", "text", "receivedAt", "authorType"]),
);

/** Recomputes what a conversation shows of its messages after messages moved into it. */
async function refreshLastMessage(tx: SqlExecutor, conversationId: string) {
  const { rows } = await tx.query(LATEST_MESSAGE, [conversationId]);
  if (rows[0]) await setLastMessage(tx, conversationId, rows[0]);
}

/** Points every row of `from` at `to`; participants move unless `to` already takes part. */
async function moveConversation(tx: SqlExecutor, from: string, to: string, at: Date) {
  if (from === to) return;
  for (const table of ["Message", "MessageDelivery", "ConversationActivity"]) {
    await tx.query(`UPDATE "${table}" SET "conversationId" = $2 WHERE "conversationId" = $1`, [from, to]);
  }
  await tx.query(
    `INSERT INTO "ConversationParticipant" ("conversationId", "userId", "joinedAt", "leftAt")
     SELECT $2, "userId", "joinedAt", "leftAt" FROM "ConversationParticipant" WHERE "conversationId" = $1
     ON CONFLICT ("conversationId", "userId") DO NOTHING`,
    [from, to],
  );
  await tx.query(`DELETE FROM "ConversationParticipant" WHERE "conversationId" = $1`, [from]);
  await tx.query(
    `UPDATE "Conversation" t SET "unreadCount" = t."unreadCount" + f."unreadCount"
       FROM "Conversation" f WHERE t."id" = $2 AND f."id" = $1 AND f."mergedIntoId" IS NULL`,
    [from, to],
  );
  await tx.query(
    `UPDATE "Conversation" SET "mergedIntoId" = $2, "removedAt" = GREATEST("removedAt", $3), "unreadCount" = 0,
            "lastMessagePreview" = NULL, "lastMessageAt" = NULL
      WHERE "id" = $1`,
    [from, to, at],
  );
  await refreshLastMessage(tx, to);
}

const USERS_BY_SUNCO_ID = statement<{ id: string; suncoUserId: string }>(
  `SELECT "id", "suncoUserId" FROM "SuncoUser" WHERE "connectionId" = $1 AND "suncoUserId" = ANY($2::text[])`,
  { id: "string", suncoUserId: "string" },
);

/** user:merge: the discarded user's rows become the surviving user's (and a discarded conversation's, the surviving one's). */
async function mergeUsers(tx: SqlExecutor, context: EventContext, event: WebhookEventOf<"user:merge">): Promise<ConversationLiveEvent[]> {
  const { mergedUsers, mergedConversations } = event.payload;
  const changes = new ReadModelChanges();
  changes.user(context, mergedUsers.surviving, context.at);
  changes.user(context, mergedUsers.discarded, context.at);
  if (mergedConversations) {
    changes.conversation(context, mergedConversations.surviving, context.at);
    changes.conversation(context, mergedConversations.discarded, context.at);
  }
  const written = await writeChanges(tx, changes, { unreadAfter: null });
  const { rows } = await tx.query(USERS_BY_SUNCO_ID, [context.connectionId, [mergedUsers.surviving.id, mergedUsers.discarded.id]]);
  const idOf = (suncoUserId: string) => rows.find((row) => row.suncoUserId === suncoUserId)!.id;
  const [surviving, discarded] = [idOf(mergedUsers.surviving.id), idOf(mergedUsers.discarded.id)];
  if (surviving !== discarded) {
    await tx.query(`UPDATE "SuncoUser" SET "mergedIntoId" = $2 WHERE "id" = $1`, [discarded, surviving]);
    await tx.query(`UPDATE "Conversation" SET "endUserId" = $2 WHERE "endUserId" = $1`, [discarded, surviving]);
    await tx.query(`UPDATE "Message" SET "authorUserId" = $2 WHERE "authorUserId" = $1`, [discarded, surviving]);
    for (const table of ["SuncoClient", "SuncoDevice", "ConversationActivity"]) {
      await tx.query(`UPDATE "${table}" SET "userId" = $2 WHERE "userId" = $1`, [discarded, surviving]);
    }
    await tx.query(
      `INSERT INTO "ConversationParticipant" ("conversationId", "userId", "joinedAt", "leftAt")
       SELECT "conversationId", $2, "joinedAt", "leftAt" FROM "ConversationParticipant" WHERE "userId" = $1
       ON CONFLICT ("conversationId", "userId") DO NOTHING`,
      [discarded, surviving],
    );
    await tx.query(`DELETE FROM "ConversationParticipant" WHERE "userId" = $1`, [discarded]);
  }
  const touched: string[] = [];
  if (mergedConversations) {
    const key = (id: string) => changes.conversationKey(context, id);
    const from = written.conversations.get(key(mergedConversations.discarded.id))!.id;
    const to = written.conversations.get(key(mergedConversations.surviving.id))!.id;
    await moveConversation(tx, from, to, context.at);
    touched.push(from, to);
  }
  return [
    { organizationId: context.organizationId, type: "user.updated", data: { userId: surviving, mergedUserId: discarded } },
    ...(await conversationUpdates(tx, touched)),
  ];
}

export type StructuralEvent = WebhookEventOf<"user:merge"> | WebhookEventOf<"user:remove"> | WebhookEventOf<"conversation:remove">;

export async function applyStructuralEvent(tx: SqlExecutor, context: EventContext, event: StructuralEvent): Promise<ConversationLiveEvent[]> {
  switch (event.type) {
    case "conversation:remove":
      return removeConversation(tx, context, event);
    case "user:remove":
      return removeUser(tx, context, event);
    case "user:merge":
      return mergeUsers(tx, context, event);
  }
}
