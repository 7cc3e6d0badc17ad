// Recognises the end users' answers to satisfaction surveys among the messages the read model stored (a formResponse
// with the survey's fields, in a conversation with a survey awaiting its answer) and records each as a rating. A loop
// in every working process does it, woken when the read model writes a form response and every few seconds; each
// survey is answered once (the update is guarded), so any number of processes may run it.
import { sql, statement } from "@/lib/db";
import { WakeLoop } from "@/lib/db/notifications";
import { logger } from "@/lib/log";
import { processSingleton } from "@/lib/singletons";
import { RATING_FIELD, surveyAnswer } from "./survey-form";

/** The channel the read model notifies when it stores a form response (lib/conversations FORM_RESPONSES_CHANNEL). */
const WAKE_CHANNEL = "sunbridge_form_responses";
const INTERVAL_MS = 10_000;
/** A survey unanswered for this long is not waited on any more. */
const ANSWER_WINDOW_DAYS = 30;

interface Candidate {
  surveyId: string;
  messageId: string;
  fields: unknown;
  receivedAt: Date;
}

/** Unanswered surveys with the form responses of their conversation that answer no survey yet, oldest first. */
const CANDIDATES = statement<Candidate>(
  `SELECT s."id" AS "surveyId", m."id" AS "messageId", m."content"->'fields' AS "fields", m."receivedAt"
     FROM "SatisfactionSurvey" s
     JOIN "Message" m ON m."conversationId" = s."conversationId" AND m."contentType" = 'formResponse' AND m."authorType" = 'user'
    WHERE s."answeredAt" IS NULL AND s."sentAt" > now() - make_interval(days => $1)
      AND m."content"->'fields' @> jsonb_build_array(jsonb_build_object('name', $2::text))
      AND NOT EXISTS (SELECT 1 FROM "SatisfactionSurvey" used WHERE used."responseMessageId" = m."id")
    ORDER BY s."sentAt", s."id", m."receivedAt", m."id"
    LIMIT 500`,
  { surveyId: "string", messageId: "string", fields: "json?", receivedAt: "Date" },
);

/** Records the answers that arrived; how many. */
export async function recordSurveyAnswers(): Promise<number> {
  const { rows } = await sql().query(CANDIDATES, [ANSWER_WINDOW_DAYS, RATING_FIELD]);
  const answered = new Set<string>();
  const used = new Set<string>();
  let recorded = 0;
  for (const row of rows) {
    if (answered.has(row.surveyId) || used.has(row.messageId)) continue;
    const answer = surveyAnswer(row.fields);
    if (!answer) continue;
    answered.add(row.surveyId);
    used.add(row.messageId);
    const { rowCount } = await sql().query(
      `UPDATE "SatisfactionSurvey" SET "rating" = $2, "comment" = $3, "answeredAt" = $4, "responseMessageId" = $5
        WHERE "id" = $1 AND "answeredAt" IS NULL
          AND NOT EXISTS (SELECT 1 FROM "SatisfactionSurvey" WHERE "responseMessageId" = $5)`,
      [row.surveyId, answer.rating, answer.comment, row.receivedAt, row.messageId],
    );
    recorded += rowCount;
  }
  return recorded;
}

const answers = () => processSingleton("surveyAnswers", () => ({ loop: undefined as WakeLoop | undefined }));

export async function startSurveyAnswers(): Promise<void> {
  const held = answers();
  if (held.loop) return;
  held.loop = new WakeLoop(WAKE_CHANNEL, async () => (await recordSurveyAnswers()) > 0, {
    fallbackMs: INTERVAL_MS,
    onError: (error) => logger().error({ err: error }, "satisfaction: cannot record survey answers"),
  });
  await held.loop.listening();
}

export async function stopSurveyAnswers(): Promise<void> {
  const held = answers();
  const loop = held.loop;
  held.loop = undefined;
  await loop?.stop();
}
