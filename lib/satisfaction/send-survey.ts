// Sends a resolved conversation's survey: the survey's row and the form message, through the outbox like any business
// message, in one transaction. The job's id is the survey's (and the message's outbox id), so a retried job sends once.
import { sql } from "@/lib/db";
import { conversationForJob, readOnlyReason } from "@/lib/inbox";
import { writeOutgoing } from "@/lib/outbox";
import type { SurveyJob } from "./queue";
import { SURVEY_FORM } from "./survey-form";

export async function sendSurveys(jobs: (SurveyJob & { id: string })[]): Promise<void> {
  for (const job of jobs) await sendSurvey(job);
}

async function sendSurvey(job: SurveyJob & { id: string }) {
  await sql().transaction(async (tx) => {
    // Locked first, as every send locks it (lib/outbox sendMessage): the message's partner events take their lock after.
    const conversation = await conversationForJob(job.conversationId, tx, true);
    // Reopened meanwhile, or nothing can be sent to it any more: no survey.
    if (!conversation || conversation.status !== "resolved" || readOnlyReason(conversation)) return;
    const { rowCount } = await tx.query(
      `INSERT INTO "SatisfactionSurvey" ("id", "organizationId", "conversationId", "connectionId", "assigneeId")
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT ("id") DO NOTHING`,
      [job.id, conversation.organizationId, conversation.id, conversation.connection.id, job.assigneeId],
    );
    if (rowCount === 0) return;
    await writeOutgoing(tx, {
      outboxId: job.id,
      organizationId: conversation.organizationId,
      conversationId: conversation.id,
      authorId: null,
      body: { author: { type: "business", displayName: conversation.connection.appName }, content: SURVEY_FORM },
    });
  });
}
