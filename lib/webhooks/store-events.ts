// Stores a delivery's events in one statement. The unique (connection, SunCo event id) makes a redelivery store
// nothing; unknown types are stored already marked ignored, so no worker ever picks them up. Events older than the
// retention window are not stored at all: their first copy may be pruned, so storing them would apply them again.
import { sql, statement } from "@/lib/db";
import { DatabaseUnavailableError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { eventTypeLabel, metrics } from "@/lib/observability/metrics";
import { isKnownWebhookEventType, type WebhookEnvelope } from "@/lib/sunco/schemas";
import { isPastRetention } from "./retention";
import type { WebhookConnection } from "./webhook-connections";

export interface StoreResult {
  /** Events seen for the first time. */
  stored: number;
  /** Events already stored by an earlier delivery (or twice in this one). */
  duplicates: number;
  /** Events older than the retention window (a captured delivery replayed), not stored. */
  expired: number;
}

const INSERT_EVENTS = statement<{ type: string }>(
  `INSERT INTO "WebhookEvent" ("connectionId", "webhookId", "suncoEventId", "type", "occurredAt", "event", "state")
   SELECT $1, $2, e.id, e.type, e.occurred_at, e.event, e.state::"WebhookEventState"
     FROM unnest($3::text[], $4::text[], $5::timestamptz[], $6::json[], $7::text[]) AS e(id, type, occurred_at, event, state)
   ON CONFLICT ("connectionId", "suncoEventId") DO NOTHING
   RETURNING "type"`,
  { type: "string" },
);

const FOREIGN_KEY_VIOLATION = "23503";

/**
 * SQLSTATE classes 22 (data exception) and 54 (program limit exceeded): this delivery's content, not the database,
 * is the problem. The envelope's schema keeps such values out; should one slip through, SunCo must not retry it.
 */
const isContentError = (code: string | undefined) => code?.startsWith("22") === true || code?.startsWith("54") === true;

const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);

/**
 * A timestamp SunCo formats `YYYY-MM-DDThh:mm:ss.SSSZ`. Anything unreadable, or out of the range PostgreSQL stores,
 * stays in the event only: storing the event must not depend on it.
 */
function occurredAt(createdAt: string | undefined): string | null {
  const time = createdAt ? Date.parse(createdAt) : Number.NaN;
  return time >= EARLIEST && time <= LATEST ? new Date(time).toISOString() : null;
}

/** Drops the events past the retention window, counting and logging them: a replay is worth noticing. */
function withoutExpired(connection: WebhookConnection, events: WebhookEnvelope["events"], now: number) {
  const fresh = events.filter((event) => !isPastRetention(event.createdAt, now));
  const expired = events.length - fresh.length;
  if (expired > 0) {
    metrics().webhookEventsExpired.inc(expired);
    logger().warn({ connectionId: connection.id, expired }, "webhook delivery held events older than the retention window; not stored");
  }
  return { fresh, expired };
}

export async function storeWebhookEvents(connection: WebhookConnection, envelope: WebhookEnvelope, now = Date.now()): Promise<StoreResult> {
  const { fresh: events, expired } = withoutExpired(connection, envelope.events, now);
  if (events.length === 0) return { stored: 0, duplicates: 0, expired };
  let stored: { type: string }[];
  try {
    const { rows } = await sql().query(INSERT_EVENTS, [
      connection.id,
      envelope.webhook.id,
      events.map((event) => event.id),
      events.map((event) => event.type),
      events.map((event) => occurredAt(event.createdAt)),
      events.map((event) => JSON.stringify(event)),
      events.map((event) => (isKnownWebhookEventType(event.type) ? "pending" : "ignored")),
    ], { prepare: "store-webhook-events" });
    stored = rows;
  } catch (error) {
    const code = (error as { code?: string }).code;
    // The connection was deleted since it was cached.
    if (code === FOREIGN_KEY_VIOLATION) throw new NotFoundError("This webhook no longer exists.");
    if (isContentError(code)) {
      logger().warn({ err: error, connectionId: connection.id }, "webhook delivery held a value the database cannot store");
      throw new InvalidInputError("The delivery holds a value that cannot be stored as sent.");
    }
    throw new DatabaseUnavailableError("The event could not be stored; SunCo will deliver it again.", { cause: error });
  }
  const counters = metrics();
  for (const { type } of stored) counters.webhookEventsReceived.inc({ type: eventTypeLabel(type) });
  if (events.length > stored.length) counters.webhookEventsDuplicate.inc(events.length - stored.length);
  return { stored: stored.length, duplicates: events.length - stored.length, expired };
}
