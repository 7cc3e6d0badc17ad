// Replaying webhook events from the event log: the event goes back to pending with fresh attempts, and a worker
// applies it again. Processing is idempotent, so a replay repairs without duplicating; every replay is audited.
import { audited } from "@/lib/audit/record";
import type { MemberContext } from "@/lib/auth/require-member";
import { sql } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { connectionOf } from "./event-log";
import { eventsStored } from "./worker";

const BACK_TO_PENDING = `"state" = 'pending', "attempts" = 0, "error" = NULL, "availableAt" = now(), "processedAt" = NULL`;

export async function replayWebhookEvent(ctx: MemberContext, connectionId: string, eventId: string): Promise<void> {
  const connection = await connectionOf(ctx, connectionId);
  const id = /^\d{1,19}$/.test(eventId) ? eventId : null;
  await audited(ctx, { action: "webhook_event.replayed", connectionId: connection.id, target: `event ${eventId}` }, async () => {
    const { rowCount } = await sql().query(`UPDATE "WebhookEvent" SET ${BACK_TO_PENDING} WHERE "id" = $1 AND "connectionId" = $2`, [
      id,
      connection.id,
    ]);
    if (rowCount === 0) throw new NotFoundError("There is no such event in this connection's log.");
  });
  eventsStored();
}

/** Replays every failed event received in [from, to); resolves to how many. */
export async function replayFailedWebhookEvents(
  ctx: MemberContext,
  connectionId: string,
  range: { from: Date; to: Date },
): Promise<number> {
  const connection = await connectionOf(ctx, connectionId);
  const replayed = await audited(
    ctx,
    {
      action: "webhook_event.failed_replayed",
      connectionId: connection.id,
      target: `failed events received from ${range.from.toISOString()} to ${range.to.toISOString()}`,
      after: (count: number) => ({ replayed: count }),
    },
    async () => {
      const { rowCount } = await sql().query(
        `UPDATE "WebhookEvent" SET ${BACK_TO_PENDING}
          WHERE "connectionId" = $1 AND "state" = 'failed' AND "receivedAt" >= $2 AND "receivedAt" < $3`,
        [connection.id, range.from, range.to],
      );
      return rowCount;
    },
  );
  if (replayed > 0) eventsStored();
  return replayed;
}
