// The outbox's job queue: one job per message to send (and per retry), enqueued in the transaction that stores it.
import type { QueueDefinition } from "@/lib/jobs";
import { deliverOutboxMessages, MAX_ATTEMPTS } from "./deliver";

export interface OutboxJob {
  outboxId: string;
}

export const OUTBOX_QUEUE: QueueDefinition<OutboxJob> = {
  name: "outbox",
  // Backoff between attempts: 2 s, 4 s, 8 s, 16 s. Expiry outlasts one attempt (the client's 30 s retry budget plus
  // a request timeout), so a job still sending is never handed to another worker.
  policy: { retryLimit: MAX_ATTEMPTS, retryDelaySeconds: 2, retryBackoff: true, expireInSeconds: 180 },
  batchSize: 10,
  handle: (jobs) => deliverOutboxMessages(jobs.map((job) => job.data.outboxId)),
};
