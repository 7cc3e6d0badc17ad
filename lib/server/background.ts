// The background work this deployment runs, in one place: app processes (unless WORKERS_IN_APP=false) and
// `npm run worker` processes start the same workers, and any number of them share the work safely. Every process,
// working or not, registers the job queues before it serves.
import { env } from "@/lib/env";
import { startSnoozeSweep, stopSnoozeSweep, type SnoozeClock } from "@/lib/inbox";
import { startJobs, stopJobs } from "@/lib/jobs";
import { closeLiveHub } from "@/lib/live";
import { registerOutboxMetrics } from "@/lib/outbox";
import { mountedSandbox } from "@/lib/sandbox/mounted";
import { startSurveyAnswers, stopSurveyAnswers } from "@/lib/satisfaction";
import { startWebhookWorker, stopWebhookWorker } from "@/lib/webhooks";
import { startHousekeeping, stopHousekeeping } from "./housekeeping";
import { QUEUES } from "./queues";

export async function startBackgroundWork(options: { work: boolean }) {
  registerOutboxMetrics();
  await startJobs(QUEUES, options);
  if (options.work) {
    await startWebhookWorker();
    await startSnoozeSweep(snoozeClock());
    await startSurveyAnswers();
    startHousekeeping(snoozeClock());
  }
}

/**
 * Where the mounted sandbox stands in for SunCo, snoozes and unclaimed installations' expiry follow its clock, which tests move forward
 * (POST /sandbox/sc/_control/clock/advance); it is the wall clock until they do.
 */
function snoozeClock(): SnoozeClock {
  return env().sunco.sandbox ? () => mountedSandbox().context.clock.now() : Date.now;
}

export async function stopBackgroundWork() {
  stopHousekeeping();
  await stopSurveyAnswers();
  await stopSnoozeSweep();
  await stopWebhookWorker();
  await stopJobs();
  await closeLiveHub();
}
