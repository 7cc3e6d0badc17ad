// The background work this deployment runs, in one place: app processes (unless WORKERS_IN_APP=false) and
// `npm run worker` processes start the same workers, and any number of them share the work safely.
import { READ_MODEL_QUEUES } from "@/lib/conversations";
import { READ_RECEIPT_QUEUE } from "@/lib/inbox";
import { createQueues, startWorkers, stopJobs, type QueueDefinition } from "@/lib/jobs/queue";
import { closeLiveHub } from "@/lib/live";
import { OUTBOX_QUEUE, registerOutboxMetrics } from "@/lib/outbox";
import { startWebhookWorker, stopWebhookWorker } from "@/lib/webhooks";
import { startHousekeeping, stopHousekeeping } from "./housekeeping";

export const QUEUES = [...READ_MODEL_QUEUES, OUTBOX_QUEUE, READ_RECEIPT_QUEUE] as QueueDefinition<object>[];

export async function startBackgroundWork(options: { work: boolean }) {
  registerOutboxMetrics();
  if (options.work) {
    await startWorkers(QUEUES);
    await startWebhookWorker();
    startHousekeeping();
  } else {
    await createQueues(QUEUES);
  }
}

export async function stopBackgroundWork() {
  stopHousekeeping();
  await stopWebhookWorker();
  await stopJobs();
  await closeLiveHub();
}
