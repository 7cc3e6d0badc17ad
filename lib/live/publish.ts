// Publishing live events: rows in "LiveEvent" whose ids are the Server-Sent Events ids, then a notification.
//
// Ids come from a sequence, which hands them out in call order, not commit order: a reader that saw 11 committed
// could later find 10 appear and never send it. Publishers therefore take one transaction-scoped lock before
// inserting and hold it until they commit, so ids become visible in order and "everything after my last id" has
// no holes. The lock is taken last in the transaction, to be held only for the commit.
import type { SqlExecutor } from "@/lib/db";

export const LIVE_CHANNEL = "sunbridge_live";
/** pg_advisory_xact_lock key serialising live event commits ("sblive" in ASCII). */
const PUBLISH_LOCK = 0x73626c697665;

export interface LiveEventInput {
  organizationId: string;
  /**
   * The connection whose conversation the event is about, so that only members who see it receive it (lib/teams).
   * When omitted it is the connection of the conversation the data names (`conversationId`, or `conversation.id`).
   */
  connectionId?: string | null;
  /** The one member the event is for (a notification); omitted, every member who sees its connection receives it. */
  userId?: string | null;
  type: string;
  data: unknown;
}

/** Call inside a transaction, as its last write: the events become visible, in order, when it commits. */
export async function publishLiveEvents(tx: SqlExecutor, events: LiveEventInput[]): Promise<void> {
  if (events.length === 0) return;
  // One round trip: the rows to insert are sorted after joining the lock's row, so the lock is held before the
  // first id is drawn.
  await tx.query(
    `WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock($3)),
     published AS (
       INSERT INTO "LiveEvent" ("organizationId", "connectionId", "userId", "type", "data")
       SELECT e.value->>'organizationId',
              COALESCE(e.value->>'connectionId',
                       (SELECT c."connectionId" FROM "Conversation" c
                         WHERE c."id" = COALESCE(e.value->'data'->>'conversationId', e.value->'data'->'conversation'->>'id')::uuid)),
              e.value->>'userId', e.value->>'type', e.value->'data'
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n) CROSS JOIN locked
        ORDER BY e.n
       RETURNING "id"
     )
     SELECT pg_notify($2, max("id")::text) FROM published`,
    [JSON.stringify(events), LIVE_CHANNEL, PUBLISH_LOCK],
  );
}
