// A member's own notifications: the unread ones a page starts with, and marking a conversation's read when they open
// it (every open tab of theirs hears of the new count).
import type { MemberContext } from "@/lib/auth/actor";
import { deleteExpiredRows, sql, statement, type SqlExecutor } from "@/lib/db";
import { publishLiveEvents } from "@/lib/live";
import { connectionScope, SCOPED, scopeParameter } from "@/lib/teams/access";
import type { NotificationRow } from "./record";

/** A page shows the count and keeps this many to know which conversations have unread notifications. */
const UNREAD_KEPT = 100;

export interface UnreadNotifications {
  count: number;
  /** The newest unread ones (at most 100). */
  latest: NotificationRow[];
}

// Only about conversations the member sees now (lib/teams): one they lost access to cannot be opened to read it.
const UNREAD = statement<NotificationRow>(
  `SELECT n."id", n."kind"::text AS "kind", n."conversationId", n."title", n."body", n."createdAt"
     FROM "Notification" n JOIN "Conversation" c ON c."id" = n."conversationId"
    WHERE n."organizationId" = $1 AND n."userId" = $2 AND n."readAt" IS NULL AND ${SCOPED(`c."connectionId"`, "$4")}
    ORDER BY n."createdAt" DESC LIMIT $3`,
  { id: "string", kind: "string", conversationId: "string", title: "string", body: "string", createdAt: "Date" },
);

/** The data of "notification.read": the member's count now. */
export interface NotificationsReadData {
  conversationId: string;
  unread: number;
}

const UNREAD_COUNT = statement<{ unread: number }>(
  `SELECT count(*)::int AS "unread" FROM "Notification" n JOIN "Conversation" c ON c."id" = n."conversationId"
    WHERE n."organizationId" = $1 AND n."userId" = $2 AND n."readAt" IS NULL AND ${SCOPED(`c."connectionId"`, "$3")}`,
  { unread: "number" },
);

export async function unreadNotifications(ctx: MemberContext): Promise<UnreadNotifications> {
  const scope = scopeParameter(await connectionScope(ctx));
  const [latest, count] = await Promise.all([
    sql().query(UNREAD, [ctx.organization.id, ctx.actor.id, UNREAD_KEPT, scope]),
    sql().query(UNREAD_COUNT, [ctx.organization.id, ctx.actor.id, scope]),
  ]);
  return { count: count.rows[0]!.unread, latest: latest.rows };
}

/** Marks the member's notifications about the conversation read; nothing unread, nothing written. */
export async function markNotificationsRead(ctx: MemberContext, conversationId: string): Promise<{ unread: number }> {
  return sql().transaction(async (tx) => {
    const { rowCount } = await tx.query(
      `UPDATE "Notification" SET "readAt" = now()
        WHERE "organizationId" = $1 AND "userId" = $2 AND "conversationId" = $3::uuid AND "readAt" IS NULL`,
      [ctx.organization.id, ctx.actor.id, conversationId],
    );
    const { rows } = await tx.query(UNREAD_COUNT, [ctx.organization.id, ctx.actor.id, scopeParameter(await connectionScope(ctx, tx))]);
    const unread = rows[0]!.unread;
    if (rowCount > 0) {
      const data: NotificationsReadData = { conversationId, unread };
      await publishLiveEvents(tx, [{ organizationId: ctx.organization.id, connectionId: null, userId: ctx.actor.id, type: "notification.read", data }]);
    }
    return { unread };
  });
}

/** Notifications are news: after this long, read or not, they are deleted (housekeeping). */
export const NOTIFICATION_RETENTION_DAYS = 30;

export function pruneNotifications(driver: SqlExecutor = sql()): Promise<number> {
  return deleteExpiredRows(driver, { table: "Notification", key: "id", expiresAt: "createdAt", graceSeconds: NOTIFICATION_RETENTION_DAYS * 86_400 });
}
