// Web Push: each notification goes to every device its member subscribed, encrypted for that device (RFC 8291) and
// signed with the deployment's VAPID key (RFC 8292) by the web-push package. The request itself goes through the
// partner-events address guard, as outbound event deliveries do: push endpoints come from browsers, i.e. from
// outside, and must not make the server call an internal host. A subscription the push service says is gone (404,
// 410) is deleted; other failures are logged and the push is dropped (the live stream and the unread count remain).
// Whether the member still sees the conversation is asked again when the push goes: their teams may have changed.
import { request } from "undici";
import webpush from "web-push";
import { sql, statement } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { assertDeliverable, deliveryDispatcher } from "@/lib/partner-events/address-guard";
import { memberSees } from "@/lib/teams/access";

const REQUEST_TIMEOUT_MS = 10_000;
/** A push service keeps an undelivered message this long (the device may be off). */
const TIME_TO_LIVE_SECONDS = 60 * 60;

interface Target {
  organizationId: string;
  userId: string;
  connectionId: string;
  subscriptionId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  conversationId: string;
  title: string;
  body: string;
  kind: string;
}

// Unread (the member has not opened the conversation meanwhile) and pushes still wanted.
const TARGETS = statement<Target>(
  `SELECT n."organizationId", n."userId", c."connectionId", s."id" AS "subscriptionId", s."endpoint", s."p256dh", s."auth",
          n."conversationId", n."title", n."body", n."kind"::text AS "kind"
     FROM "Notification" n
     JOIN "Conversation" c ON c."id" = n."conversationId"
     JOIN "PushSubscription" s ON s."organizationId" = n."organizationId" AND s."userId" = n."userId"
     LEFT JOIN "NotificationPreference" p ON p."organizationId" = n."organizationId" AND p."userId" = n."userId"
    WHERE n."id" = $1 AND n."readAt" IS NULL AND COALESCE(p."push", true)`,
  { organizationId: "string", userId: "string", connectionId: "string", subscriptionId: "string", endpoint: "string", p256dh: "string", auth: "string", conversationId: "string", title: "string", body: "string", kind: "string" },
);

/** What the service worker receives (public/sw.js shows it). */
export interface PushPayload {
  title: string;
  body: string;
  /** Where a click on it leads. */
  url: string;
  /** Notifications with the same tag replace each other: one per conversation. */
  tag: string;
}

export type PushOutcome = { subscriptionId: string; status: number | null; removed: boolean; error?: string };

export async function pushNotification(notificationId: string): Promise<PushOutcome[]> {
  const { rows } = await sql().query(TARGETS, [notificationId]);
  const first = rows[0];
  if (!first || !(await memberSees(first.organizationId, first.userId, first.connectionId))) return [];
  const outcomes: PushOutcome[] = [];
  for (const target of rows) outcomes.push(await pushTo(target));
  const gone = outcomes.filter((outcome) => outcome.removed).map((outcome) => outcome.subscriptionId);
  if (gone.length > 0) await sql().query(`DELETE FROM "PushSubscription" WHERE "id" = ANY($1::uuid[])`, [gone]);
  return outcomes;
}

async function pushTo(target: Target): Promise<PushOutcome> {
  const { webPush } = env();
  const payload: PushPayload = { title: target.title, body: target.body, url: `/inbox/${target.conversationId}`, tag: `conversation-${target.conversationId}` };
  try {
    assertDeliverable(target.endpoint);
    const details = webpush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, JSON.stringify(payload), {
      vapidDetails: { subject: webPush.subject, publicKey: webPush.publicKey, privateKey: webPush.privateKey },
      TTL: TIME_TO_LIVE_SECONDS,
      urgency: "high",
    });
    const response = await request(details.endpoint, {
      method: "POST",
      dispatcher: deliveryDispatcher(),
      headers: details.headers as Record<string, string>,
      body: details.body ?? undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.body.dump();
    const status = response.statusCode;
    const removed = status === 404 || status === 410;
    if (status >= 300 && !removed) logger().warn({ status, subscriptionId: target.subscriptionId }, "web push: the push service refused a notification");
    return { subscriptionId: target.subscriptionId, status, removed };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    logger().warn({ err: error, subscriptionId: target.subscriptionId }, "web push: cannot reach the push service");
    return { subscriptionId: target.subscriptionId, status: null, removed: false, error: reason.slice(0, 300) };
  }
}
