// The job queue that sends a notification by Web Push to its member's subscribed devices (./push.ts).
import type { QueueDefinition } from "@/lib/jobs";

export interface PushJob {
  notificationId: string;
}

export const NOTIFICATION_PUSH_QUEUE: QueueDefinition<PushJob> = {
  name: "notification-push",
  // A push is worth sending only while it is news: a few quick retries, then it is dropped.
  policy: { retryLimit: 2, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 60 },
  batchSize: 20,
  async handle(jobs) {
    const { pushNotification } = await import("./push");
    for (const job of jobs) await pushNotification(job.data.notificationId);
  },
};
