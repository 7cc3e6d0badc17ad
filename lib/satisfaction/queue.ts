// The job that sends a resolved conversation's satisfaction survey. Declared apart from the work it does, which goes
// through the outbox, so that the inbox can enqueue it when an agent resolves (lib/outbox itself uses lib/inbox).
import type { QueueDefinition } from "@/lib/jobs";

export interface SurveyJob {
  conversationId: string;
  /** Who the conversation was assigned to when it was resolved. */
  assigneeId: string | null;
}

export const SURVEY_QUEUE: QueueDefinition<SurveyJob> = {
  name: "satisfaction-survey",
  policy: { retryLimit: 3, retryDelaySeconds: 10, retryBackoff: true, expireInSeconds: 60 },
  batchSize: 10,
  async handle(jobs) {
    const { sendSurveys } = await import("./send-survey");
    await sendSurveys(jobs.map((job) => ({ id: job.id, ...job.data })));
  },
};
