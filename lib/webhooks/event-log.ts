// A connection's received webhook events, newest first, for the event log page: what arrived, when, what became of
// it and how long that took, with the raw event (secrets masked).
import type { MemberContext } from "@/lib/auth/require-member";
import { maskSecrets } from "@/lib/audit/mask";
import { findConnection } from "@/lib/connections";
import { sql, statement } from "@/lib/db";
import { decodeCursor, encodeCursor } from "@/lib/db/keyset-cursor";
import type { EventLogFilter } from "./schemas";

export interface EventLogEntry {
  id: string;
  suncoEventId: string;
  type: string;
  state: string;
  occurredAt: Date | null;
  receivedAt: Date;
  processedAt: Date | null;
  /** From receipt to processing, once processed. */
  latencyMs: number | null;
  attempts: number;
  error: string | null;
  /** The event as SunCo sent it, pretty-printed, with anything secret-looking masked. */
  raw: string;
}

export interface EventLogPage {
  connection: { id: string; appName: string; appId: string };
  entries: EventLogEntry[];
  /** Pass as `after` for the next (older) page; null on the last one. */
  next: string | null;
}

const PAGE_SIZE = 50;

/** The connection, if it belongs to the member's organization; another organization's is simply not found. */
export async function connectionOf(ctx: MemberContext, connectionId: string): Promise<EventLogPage["connection"]> {
  const { id, appName, appId } = await findConnection(ctx, connectionId);
  return { id, appName, appId };
}

type Row = Omit<EventLogEntry, "latencyMs" | "raw"> & { event: unknown };

// The log's order: receipt time, then id.
const PAGE_OF_EVENTS = statement<Row>(
  `SELECT "id"::text AS "id", "suncoEventId", "type", "state", "occurredAt", "receivedAt", "processedAt", "attempts",
          "error", "event"
     FROM "WebhookEvent"
    WHERE "connectionId" = $1
      AND ($2::text IS NULL OR "type" = $2)
      AND ($3::text IS NULL OR "state" = $3::"WebhookEventState")
      AND ($4::timestamptz IS NULL OR "receivedAt" >= $4)
      AND ($5::timestamptz IS NULL OR "receivedAt" < $5)
      AND ($6::timestamptz IS NULL OR ("receivedAt", "id") < ($6::timestamptz, $7::bigint))
    ORDER BY "receivedAt" DESC, "id" DESC
    LIMIT $8`,
  {
    id: "string",
    suncoEventId: "string",
    type: "string",
    state: "string",
    occurredAt: "Date?",
    receivedAt: "Date",
    processedAt: "Date?",
    attempts: "number",
    error: "string?",
    event: "json?",
  },
);

const EVENT_ID = /^\d+$/;

export async function listWebhookEvents(ctx: MemberContext, connectionId: string, filter: EventLogFilter): Promise<EventLogPage> {
  const connection = await connectionOf(ctx, connectionId);
  const after = filter.after ? decodeCursor(filter.after, EVENT_ID) : null;
  const { rows } = await sql().query(PAGE_OF_EVENTS, [
    connection.id,
    filter.type ?? null,
    filter.state ?? null,
    filter.from ?? null,
    filter.to ?? null,
    after?.at ?? null,
    after?.id ?? null,
    PAGE_SIZE + 1,
  ]);
  const entries = rows.slice(0, PAGE_SIZE).map(({ event, ...row }) => ({
    ...row,
    latencyMs: row.processedAt && row.state === "processed" ? row.processedAt.getTime() - row.receivedAt.getTime() : null,
    raw: JSON.stringify(maskSecrets(event), null, 2),
  }));
  return { connection, entries, next: rows.length > PAGE_SIZE ? encodeCursor(entries.at(-1)!.receivedAt, entries.at(-1)!.id) : null };
}
