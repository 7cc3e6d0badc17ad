// A member's notification settings (Settings → Notifications): which kinds, which ways. Raw SQL like the rest of the
// domain, since producing notifications reads them inside the changes' transactions.
import type { MemberContext } from "@/lib/auth/actor";
import { sql, statement } from "@/lib/db";
import { DEFAULT_PREFERENCES, type NotificationPreferences } from "./schemas";

const PREFERENCES = statement<NotificationPreferences>(
  `SELECT "assigned", "message", "mention", "browser", "push", "sound" FROM "NotificationPreference"
    WHERE "organizationId" = $1 AND "userId" = $2`,
  { assigned: "boolean", message: "boolean", mention: "boolean", browser: "boolean", push: "boolean", sound: "boolean" },
);

export async function notificationPreferences(ctx: MemberContext): Promise<NotificationPreferences> {
  const { rows } = await sql().query(PREFERENCES, [ctx.organization.id, ctx.actor.id]);
  return rows[0] ?? { ...DEFAULT_PREFERENCES };
}

export async function saveNotificationPreferences(ctx: MemberContext, preferences: NotificationPreferences): Promise<NotificationPreferences> {
  const { assigned, message, mention, browser, push, sound } = preferences;
  await sql().query(
    `INSERT INTO "NotificationPreference" ("organizationId", "userId", "assigned", "message", "mention", "browser", "push", "sound", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT ("organizationId", "userId") DO UPDATE SET "assigned" = $3, "message" = $4, "mention" = $5, "browser" = $6,
       "push" = $7, "sound" = $8, "updatedAt" = now()`,
    [ctx.organization.id, ctx.actor.id, assigned, message, mention, browser, push, sound],
  );
  return { assigned, message, mention, browser, push, sound };
}
