// The background work this deployment runs, in one place: app processes (unless WORKERS_IN_APP=false) and
// `npm run worker` processes start the same workers, and any number of them share the work safely. Every process,
// working or not, registers the job queues before it serves.
import { startJobs, stopJobs } from "@/lib/jobs";
import { closeLiveHub } from "@/lib/live";
import { registerOutboxMetrics } from "@/lib/outbox";
import { startWebhookWorker, stopWebhookWorker } from "@/lib/webhooks";
import { startHousekeeping, stopHousekeeping } from "./housekeeping";
import { QUEUES } from "./queues";

export async function startBackgroundWork(options: { work: boolean }) {
  registerOutboxMetrics();
  await startJobs(QUEUES, options);
  if (options.work) {
    await startWebhookWorker();
    startHousekeeping();
  }
}

export async function stopBackgroundWork() {
  stopHousekeeping();
  await stopWebhookWorker();
  await stopJobs();
  await closeLiveHub();
}
