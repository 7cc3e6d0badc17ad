// Periodic clean-up in every process that runs background work. Each task is bounded and safe to run in several
// processes at once: they only repeat (or, for the report tallies, wait for) each other's work.
import { pruneIdempotencyKeys } from "@/lib/api";
import { pruneExpiredSessions } from "@/lib/auth/sessions";
import { pruneOAuthAttempts, revokeExpiredInstallations } from "@/lib/connections";
import { logger } from "@/lib/log";
import { pruneNotifications } from "@/lib/notifications";
import { pruneLiveEvents } from "@/lib/live";
import { requeueStalledOutboxMessages } from "@/lib/outbox";
import { expireUnansweredChannelLinks } from "@/lib/outreach";
import { requeueLostDeliveries } from "@/lib/partner-events";
import { pruneRateLimits } from "@/lib/rate-limit";
import { foldAllReportTallies, pruneReportTallyFolds } from "@/lib/reports/tallies";
import { processSingleton } from "@/lib/singletons";
import { pruneWebhookEvents } from "@/lib/webhooks/retention";

const INTERVAL_MS = 60_000;

/** What time-bound tasks read the time from: the wall clock, or the mounted sandbox's, which tests move (background.ts). */
export type HousekeepingClock = () => number;

const TASKS: Record<string, (clock: HousekeepingClock) => Promise<unknown>> = {
  "live events": () => pruneLiveEvents(),
  "webhook events": () => pruneWebhookEvents(),
  "stalled outbox messages": () => requeueStalledOutboxMessages(),
  "lost event deliveries": () => requeueLostDeliveries(),
  "expired sessions": () => pruneExpiredSessions(),
  "rate-limit windows": () => pruneRateLimits(),
  "OAuth attempts": () => pruneOAuthAttempts(),
  "API idempotency keys": () => pruneIdempotencyKeys(),
  notifications: () => pruneNotifications(),
  "unclaimed installations": (clock) => revokeExpiredInstallations(new Date(clock())),
  "unanswered channel links": (clock) => expireUnansweredChannelLinks(new Date(clock())),
  // Also folded before each report: here so that changes never pile up between reports.
  "report tallies": () => foldAllReportTallies(),
  "report tally fold log": () => pruneReportTallyFolds(),
};

const timer = () => processSingleton("housekeeping", () => ({ interval: undefined as NodeJS.Timeout | undefined }));

/** One round of every task; one failing does not keep the others from running. */
export async function runHousekeeping(clock: HousekeepingClock = Date.now) {
  for (const [name, task] of Object.entries(TASKS)) {
    try {
      await task(clock);
    } catch (error) {
      logger().warn({ err: error, task: name }, "housekeeping failed; it runs again in a minute");
    }
  }
}

export function startHousekeeping(clock: HousekeepingClock = Date.now) {
  const held = timer();
  if (held.interval) return;
  held.interval = setInterval(() => void runHousekeeping(clock), INTERVAL_MS);
  held.interval.unref();
}

export function stopHousekeeping() {
  const held = timer();
  clearInterval(held.interval);
  held.interval = undefined;
}
