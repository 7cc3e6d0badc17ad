// Producing notifications where the change happens, in its transaction: rows in "Notification" for members who want
// that kind and see the conversation's connection (lib/teams' rule; nobody else is ever told), a live event for each
// that only its member's streams pass on, and a push job when the member has a device subscribed and wants pushes.
import { statement, type SqlExecutor } from "@/lib/db";
import { enqueueMany } from "@/lib/jobs";
import type { LiveEventInput } from "@/lib/live";
import { scopeAllows, scopeParameter, scopesOf } from "@/lib/teams/access";
import { NOTIFICATION_PUSH_QUEUE } from "./push-queue";
import type { NotificationKind } from "./schemas";

export interface NotificationInput {
  organizationId: string;
  userId: string;
  kind: NotificationKind;
  conversationId: string;
  connectionId: string;
  title: string;
  body: string;
}

/** A notification as pages receive it. */
export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  conversationId: string;
  title: string;
  body: string;
  createdAt: Date;
}

export interface NotificationLiveData {
  notification: NotificationRow;
  /** The member's unread notifications, this one included. */
  unread: number;
}

const TITLE_LENGTH = 120;
const BODY_LENGTH = 240;

interface Inserted extends NotificationRow {
  organizationId: string;
  userId: string;
  unread: number;
  push: boolean;
}

// Rows of members who turned the kind off are not written at all; the unread count is what was unread before this
// statement (its own rows are not visible to it) plus what it wrote, of conversations the member sees now ($2: each
// member's connections, null for all; one they lost access to cannot be opened to read it).
const INSERT = statement<Inserted>(
  `WITH wanted AS (
     SELECT n.* FROM jsonb_to_recordset($1::jsonb)
              AS n("organizationId" text, "userId" text, "kind" text, "conversationId" uuid, "title" text, "body" text)
       JOIN "Membership" m ON m."organizationId" = n."organizationId" AND m."userId" = n."userId"
       LEFT JOIN "NotificationPreference" p ON p."organizationId" = n."organizationId" AND p."userId" = n."userId"
      WHERE COALESCE(CASE n."kind" WHEN 'assigned' THEN p."assigned" WHEN 'message' THEN p."message" ELSE p."mention" END, true)
   ),
   inserted AS (
     INSERT INTO "Notification" ("organizationId", "userId", "kind", "conversationId", "title", "body")
     SELECT "organizationId", "userId", "kind"::"NotificationKind", "conversationId", "title", "body" FROM wanted
     RETURNING "id", "organizationId", "userId", "kind", "conversationId", "title", "body", "createdAt"
   )
   SELECT i."id", i."organizationId", i."userId", i."kind"::text AS "kind", i."conversationId", i."title", i."body", i."createdAt",
          ((SELECT count(*) FROM "Notification" o JOIN "Conversation" c ON c."id" = o."conversationId"
             WHERE o."organizationId" = i."organizationId" AND o."userId" = i."userId" AND o."readAt" IS NULL
               AND (s."connectionIds" IS NULL OR c."connectionId" = ANY(s."connectionIds")))
           + (SELECT count(*) FROM inserted j WHERE j."organizationId" = i."organizationId" AND j."userId" = i."userId"))::int AS "unread",
          (COALESCE((SELECT p."push" FROM "NotificationPreference" p WHERE p."organizationId" = i."organizationId" AND p."userId" = i."userId"), true)
           AND EXISTS (SELECT 1 FROM "PushSubscription" s WHERE s."organizationId" = i."organizationId" AND s."userId" = i."userId")) AS "push"
     FROM inserted i
     JOIN jsonb_to_recordset($2::jsonb) AS s("organizationId" text, "userId" text, "connectionIds" text[])
       ON s."organizationId" = i."organizationId" AND s."userId" = i."userId"`,
  {
    id: "string", organizationId: "string", userId: "string", kind: "string", conversationId: "string", title: "string",
    body: "string", createdAt: "Date", unread: "number", push: "boolean",
  },
);

const clip = (text: string, length: number) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
};

/**
 * Writes the notifications in the caller's transaction and returns their live events, for the caller to publish with
 * its own (publishLiveEvents is a transaction's last write). A member who does not see the conversation's connection
 * is left out here, whatever the caller asked.
 */
export async function recordNotifications(tx: SqlExecutor, inputs: readonly NotificationInput[]): Promise<LiveEventInput[]> {
  const visible: NotificationInput[] = [];
  const scopes: { organizationId: string; userId: string; connectionIds: string[] | null }[] = [];
  for (const organizationId of new Set(inputs.map((input) => input.organizationId))) {
    const ofOrganization = inputs.filter((input) => input.organizationId === organizationId);
    const members = await scopesOf(organizationId, [...new Set(ofOrganization.map((input) => input.userId))], tx);
    for (const input of ofOrganization) {
      const scope = members.get(input.userId);
      if (scope && scopeAllows(scope, input.connectionId)) visible.push(input);
    }
    for (const [userId, scope] of members) scopes.push({ organizationId, userId, connectionIds: scopeParameter(scope) });
  }
  if (visible.length === 0) return [];
  const connectionOf = new Map(visible.map((input) => [input.conversationId, input.connectionId]));
  const rows = visible.map((input) => ({ ...input, title: clip(input.title, TITLE_LENGTH), body: clip(input.body, BODY_LENGTH) }));
  const { rows: inserted } = await tx.query(INSERT, [JSON.stringify(rows), JSON.stringify(scopes)]);
  const pushed = inserted.filter((row) => row.push).map((row) => ({ notificationId: row.id }));
  await enqueueMany(NOTIFICATION_PUSH_QUEUE, pushed, { executor: tx });
  return inserted.map((row) => {
    const notification: NotificationRow = { id: row.id, kind: row.kind, conversationId: row.conversationId, title: row.title, body: row.body, createdAt: row.createdAt };
    const data: NotificationLiveData = { notification, unread: row.unread };
    return { organizationId: row.organizationId, userId: row.userId, connectionId: connectionOf.get(row.conversationId)!, type: "notification.created", data };
  });
}
