// The job queue of event deliveries: one job per attempt, enqueued in the transaction that records the event (or that
// schedules the retry, or a resend).
import type { QueueDefinition } from "@/lib/jobs";

export interface DeliveryJob {
  deliveryId: string;
}

export const EVENT_DELIVERY_QUEUE: QueueDefinition<DeliveryJob> = {
  name: "event-delivery",
  // Retries are scheduled by the delivery itself (./schedule.ts) as new jobs; pg-boss's own retries only cover a
  // worker that died or threw mid-attempt. Expiry outlasts one attempt (a 10 s request).
  policy: { retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 60 },
  batchSize: 20,
  // A batch ends with its slowest endpoint (up to the 10 s timeout): several at once keep one slow endpoint from
  // holding up every other organization's events.
  workers: 4,
  handle: async (jobs) => {
    const { attemptDeliveries } = await import("./deliver");
    await attemptDeliveries(jobs.map((job) => job.data.deliveryId));
  },
};
