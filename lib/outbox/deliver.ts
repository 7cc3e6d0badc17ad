// The outbox worker: sends each pending message to SunCo through the tenant's client, never twice. The SunCo client
// tags the send with the outbox id and, after an ambiguous failure, looks for the message before sending again; a
// message SunCo's webhook echo already completed is not sent at all; after any earlier failure (or a crash mid-send)
// an attempt first looks whether SunCo has the message; and a claim on the row keeps two workers from sending it at
// once. Transient failures (429, 5xx, timeouts) are retried with backoff by the job queue up to MAX_ATTEMPTS; SunCo's
// refusals, and the last failed attempt, mark the message failed with the reason, for the agent to retry.
import { clientForConnectionId } from "@/lib/connections";
import { sql, statement } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { conversationForJob, readOnlyReason, type ConversationRef } from "@/lib/inbox";
import { logger } from "@/lib/log";
import { metrics } from "@/lib/observability/metrics";
import { CLIENT_MESSAGE_ID_KEY, explainSuncoFailure, SuncoError, type SuncoClient } from "@/lib/sunco";
import type { MessagePostBody } from "@/lib/sunco/schemas";
import { changeMessages, messageStatement, RETURNING_MESSAGE } from "./messages";

/** Attempts per send (each one with the SunCo client's own retries) before the message is marked failed. */
export const MAX_ATTEMPTS = 5;
/** Longer than one attempt can take (the client's 30 s retry budget, plus a request timeout and a lookup). */
const CLAIM_SECONDS = 90;

interface OutboxRow {
  id: string;
  organizationId: string;
  conversationId: string;
  body: MessagePostBody;
  state: "pending" | "sent" | "failed";
  lastError: string | null;
  /** SunCo's id for the message, when its webhook echo already reached the Message row. */
  echoedSuncoMessageId: string | null;
}

const LOAD_OUTBOX = statement<OutboxRow>(
  `SELECT o."id", o."organizationId", o."conversationId", o."body", o."state"::text AS "state", o."lastError",
          m."suncoMessageId" AS "echoedSuncoMessageId"
     FROM "OutboxMessage" o
     LEFT JOIN "Message" m ON m."conversationId" = o."conversationId" AND m."clientMessageId" = o."id"::text
    WHERE o."id" = $1`,
  {
    id: "string",
    organizationId: "string",
    conversationId: "string",
    body: "json",
    state: "string",
    lastError: "string?",
    echoedSuncoMessageId: "string?",
  },
);

async function loadOutbox(outboxId: string): Promise<OutboxRow | null> {
  const { rows } = await sql().query(LOAD_OUTBOX, [outboxId]);
  return rows[0] ?? null;
}

const CLAIM = statement<{ attempts: number }>(
  `UPDATE "OutboxMessage" SET "attempts" = "attempts" + 1, "claimedUntil" = now() + make_interval(secs => $2), "updatedAt" = now()
    WHERE "id" = $1 AND "state" = 'pending' AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
    RETURNING "attempts"`,
  { attempts: "number" },
);

/** Claims the row for this attempt; null when it is no longer pending or another worker holds it. */
async function claim(outboxId: string): Promise<number | null> {
  const { rows } = await sql().query(CLAIM, [outboxId, CLAIM_SECONDS]);
  return rows[0]?.attempts ?? null;
}

const MARK_MESSAGE_SENT = messageStatement(
  `UPDATE "Message" m SET
     "suncoMessageId" = COALESCE(m."suncoMessageId", $3),
     "receivedAt" = CASE WHEN m."suncoMessageId" IS NULL AND $4::timestamptz IS NOT NULL THEN $4 ELSE m."receivedAt" END,
     "deliveryStatus" = GREATEST(m."deliveryStatus", 'sent', t."kind"),
     "deliveryError" = CASE WHEN t."kind" = 'failed' THEN t."error" ELSE NULL END
     FROM (SELECT NULL) AS nothing
     LEFT JOIN LATERAL (
       SELECT d."kind", concat_ws(': ', d."errorCode", d."errorMessage") AS "error" FROM "MessageDelivery" d
        WHERE d."conversationId" = $1 AND d."suncoMessageId" = $3 ORDER BY d."kind" DESC, d."occurredAt" DESC LIMIT 1
     ) t ON true
    WHERE m."conversationId" = $1 AND m."clientMessageId" = $2
    ${RETURNING_MESSAGE}`,
);

const MARK_MESSAGE_FAILED = messageStatement(
  `UPDATE "Message" m SET "deliveryStatus" = 'failed', "deliveryError" = $3
    WHERE m."conversationId" = $1 AND m."clientMessageId" = $2 AND m."suncoMessageId" IS NULL
    ${RETURNING_MESSAGE}`,
);

/**
 * The outbox row is sent; its Message takes SunCo's id and time, and the furthest delivery status SunCo already
 * reported for it (delivery webhooks can overtake the send's answer).
 */
async function markSent(row: OutboxRow, sent: { id: string; received?: string }) {
  const updated = await sql().transaction(async (tx) => {
    const { rowCount } = await tx.query(
      `UPDATE "OutboxMessage" SET "state" = 'sent', "suncoMessageId" = $2, "sentAt" = now(), "claimedUntil" = NULL,
              "lastError" = NULL, "updatedAt" = now()
        WHERE "id" = $1 AND "state" = 'pending'`,
      [row.id, sent.id],
    );
    if (rowCount === 0) return false;
    await changeMessages(
      tx,
      row.organizationId,
      "message.updated",
      MARK_MESSAGE_SENT,
      [row.conversationId, row.id, sent.id, sent.received ?? null],
    );
    return true;
  });
  if (updated) metrics().outboxSent.inc();
}

async function markFailed(row: OutboxRow, reason: string) {
  await sql().transaction(async (tx) => {
    const { rowCount } = await tx.query(
      `UPDATE "OutboxMessage" SET "state" = 'failed', "lastError" = $2, "claimedUntil" = NULL, "updatedAt" = now()
        WHERE "id" = $1 AND "state" = 'pending'`,
      [row.id, reason],
    );
    if (rowCount === 0) return;
    await changeMessages(
      tx,
      row.organizationId,
      "message.updated",
      MARK_MESSAGE_FAILED,
      [row.conversationId, row.id, reason],
    );
  });
}

/** The attempt failed and another will follow: the claim is let go at once, the reason kept. */
async function recordAttemptFailure(row: OutboxRow, reason: string) {
  await sql().query(`UPDATE "OutboxMessage" SET "lastError" = $2, "claimedUntil" = NULL, "updatedAt" = now() WHERE "id" = $1`, [
    row.id,
    reason,
  ]);
}

/** The message, if an earlier attempt created it in SunCo: it is among the conversation's newest. */
async function findEarlierSend(client: SuncoClient, conversation: ConversationRef, outboxId: string) {
  const { items } = await client.messages.list(conversation.suncoConversationId);
  return items.find((message) => message.metadata?.[CLIENT_MESSAGE_ID_KEY] === outboxId);
}

function kindOf(error: unknown) {
  if (error instanceof SuncoError) return error.kind;
  return error instanceof AppError ? error.code : "internal";
}

/** Why the message was not sent, in words for the agent. */
function reasonOf(error: unknown, attempts: number): string {
  if (error instanceof SuncoError) return explainSuncoFailure(error, { audience: "agent", asked: "the message", attempts }).message;
  if (error instanceof AppError) return error.message;
  return "Sunbridge could not send the message because of an error on its side.";
}

const isRetryable = (error: unknown) => (error instanceof SuncoError ? error.transient : !(error instanceof AppError));

/** One attempt at one outbox message. Throws when it should be tried again later. */
export async function deliverOutboxMessage(outboxId: string): Promise<void> {
  const row = await loadOutbox(outboxId);
  if (!row || row.state !== "pending") return;
  if (row.echoedSuncoMessageId) return markSent(row, { id: row.echoedSuncoMessageId });
  const conversation = await conversationForJob(row.conversationId);
  const readOnly = conversation ? readOnlyReason(conversation) : "The conversation no longer exists.";
  if (!conversation || readOnly) return markFailed(row, readOnly!);

  const attempt = await claim(row.id);
  if (attempt === null) return;
  try {
    const client = await clientForConnectionId(conversation.connection.id);
    const earlier = attempt > 1 || row.lastError ? await findEarlierSend(client, conversation, row.id) : undefined;
    const sent = earlier ?? (await client.messages.send(conversation.suncoConversationId, row.body, { clientMessageId: row.id }))[0]!;
    await markSent(row, sent);
  } catch (error) {
    metrics().outboxSendFailures.inc({ kind: kindOf(error) });
    const reason = reasonOf(error, attempt);
    if (isRetryable(error) && attempt < MAX_ATTEMPTS) {
      await recordAttemptFailure(row, reason);
      throw error;
    }
    if (!(error instanceof SuncoError || error instanceof AppError)) logger().error({ err: error, outboxId }, "outbox send failed");
    await markFailed(row, reason);
  }
}

/** A batch of jobs, sent side by side; any that should be retried fail the batch (the others are done and no-ops). */
export async function deliverOutboxMessages(outboxIds: string[]): Promise<void> {
  const results = await Promise.allSettled(outboxIds.map((id) => deliverOutboxMessage(id)));
  const failures = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} outbox message(s) will be retried`);
}
