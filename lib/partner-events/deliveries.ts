// An endpoint's delivery log (newest first, filtered, keyset-paged), resending one delivery or every failed one in a
// time range, and sending a test event; resends and tests are audited.
import { audited } from "@/lib/audit/record";
import type { ActorContext } from "@/lib/auth/actor";
import { decodeCursor, encodeCursor } from "@/lib/db/keyset-cursor";
import { sql, statement } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { enqueue, enqueueMany } from "@/lib/jobs";
import { eventBody } from "./deliver";
import { getEndpoint } from "./endpoints";
import { EVENT_DELIVERY_QUEUE } from "./queue";
import type { DeliveryFilter, ResendFailedInput, ResendOneInput } from "./schemas";

export interface DeliveryRow {
  id: string;
  eventId: string;
  eventType: string;
  sequence: string;
  conversationId: string | null;
  state: string;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  responseStatus: number | null;
  responseExcerpt: string | null;
  latencyMs: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  eventCreatedAt: Date;
  organizationId: string;
  data: unknown;
}

export type DeliveryView = Omit<DeliveryRow, "eventCreatedAt" | "organizationId" | "data"> & { requestBody: string };

const UUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

const LIST_DELIVERIES = statement<DeliveryRow>(
  `SELECT d."id", d."eventId", e."type" AS "eventType", e."sequence"::text AS "sequence", e."conversationId"::text AS "conversationId",
          d."state"::text AS "state", d."attempts", d."nextAttemptAt", d."lastAttemptAt", d."responseStatus", d."responseExcerpt",
          d."latencyMs", d."lastError", d."deliveredAt", d."createdAt", e."createdAt" AS "eventCreatedAt",
          e."organizationId", e."data"
     FROM "EventDelivery" d JOIN "PartnerEvent" e ON e."id" = d."eventId"
    WHERE d."endpointId" = $1 AND d."organizationId" = $2
      AND ($3::text IS NULL OR d."state"::text = $3) AND ($4::text IS NULL OR e."type" = $4)
      AND ($5::timestamptz IS NULL OR (d."createdAt", d."id") < ($5, $6::uuid))
    ORDER BY d."createdAt" DESC, d."id" DESC
    LIMIT $7`,
  {
    id: "string", eventId: "string", eventType: "string", sequence: "string", conversationId: "string?", state: "string",
    attempts: "number", nextAttemptAt: "Date", lastAttemptAt: "Date?", responseStatus: "number?", responseExcerpt: "string?",
    latencyMs: "number?", lastError: "string?", deliveredAt: "Date?", createdAt: "Date", eventCreatedAt: "Date",
    organizationId: "string", data: "json?",
  },
);

/** A page of the endpoint's deliveries, newest first, and the cursor of the next. */
export async function listDeliveries(ctx: ActorContext, filter: DeliveryFilter): Promise<{ deliveries: DeliveryView[]; next: string | null }> {
  const endpoint = await getEndpoint(ctx, filter.endpointId);
  const cursor = filter.before ? decodeCursor(filter.before, UUID, "before") : null;
  const { rows } = await sql().query(LIST_DELIVERIES, [
    endpoint.id, ctx.organization.id, filter.state ?? null, filter.eventType ?? null,
    cursor?.at ?? null, cursor?.id ?? null, filter.limit + 1,
  ]);
  const page = rows.slice(0, filter.limit);
  const deliveries = page.map(({ eventCreatedAt, organizationId, data, ...row }) => ({
    ...row,
    requestBody: eventBody({ eventId: row.eventId, type: row.eventType, sequence: row.sequence, createdAt: eventCreatedAt, organizationId, data }),
  }));
  const last = page.at(-1);
  return { deliveries, next: rows.length > filter.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

const RESEND = statement<{ id: string }>(
  `UPDATE "EventDelivery" d SET "state" = 'pending', "retryUntil" = NULL, "nextAttemptAt" = now(), "claimedUntil" = NULL
    WHERE d."endpointId" = $1 AND d."organizationId" = $2 AND d."state" <> 'pending'
      AND (($3::uuid IS NOT NULL AND d."id" = $3) OR ($3::uuid IS NULL AND d."state" = 'failed' AND d."createdAt" >= $4 AND d."createdAt" < $5))
   RETURNING d."id"`,
  { id: "string" },
);

async function enabledEndpoint(ctx: ActorContext, endpointId: string) {
  const endpoint = await getEndpoint(ctx, endpointId);
  if (!endpoint.enabled) throw new ConflictError("This endpoint is disabled: enable it before resending.");
  return endpoint;
}

/** Sends one delivery again (whatever became of it), as a new series of attempts. */
export async function resendDelivery(ctx: ActorContext, input: ResendOneInput): Promise<void> {
  const endpoint = await enabledEndpoint(ctx, input.endpointId);
  await audited(ctx, { action: "event_endpoint.resend", target: `${endpoint.id}/${input.deliveryId}` }, () =>
    sql().transaction(async (tx) => {
      const { rows } = await tx.query(RESEND, [endpoint.id, ctx.organization.id, input.deliveryId, null, null]);
      if (rows.length === 0) throw new NotFoundError("This delivery does not exist, or is already on its way.");
      await enqueue(EVENT_DELIVERY_QUEUE, { deliveryId: rows[0]!.id }, { executor: tx });
    }),
  );
}

/** Sends every failed delivery of the endpoint created in [from, to) again; answers how many. */
export async function resendFailedDeliveries(ctx: ActorContext, input: ResendFailedInput): Promise<{ resent: number }> {
  const endpoint = await enabledEndpoint(ctx, input.endpointId);
  return audited(
    ctx,
    { action: "event_endpoint.resend_failed", target: endpoint.id, before: { from: input.from, to: input.to }, after: (result) => result },
    () =>
      sql().transaction(async (tx) => {
        const { rows } = await tx.query(RESEND, [endpoint.id, ctx.organization.id, null, input.from, input.to]);
        await enqueueMany(EVENT_DELIVERY_QUEUE, rows.map((row) => ({ deliveryId: row.id })), { executor: tx });
        return { resent: rows.length };
      }),
  );
}

const TEST_EVENT = statement<{ deliveryId: string }>(
  `WITH event AS (
     INSERT INTO "PartnerEvent" ("organizationId", "type", "data") VALUES ($2, 'endpoint.test', $3::jsonb) RETURNING "id"
   )
   INSERT INTO "EventDelivery" ("organizationId", "endpointId", "eventId") SELECT $2, $1, "id" FROM event
   RETURNING "id" AS "deliveryId"`,
  { deliveryId: "string" },
);

/** An `endpoint.test` event to this endpoint only (whatever its filter); answers the delivery's id. */
export async function sendTestEvent(ctx: ActorContext, endpointId: string): Promise<{ deliveryId: string }> {
  const endpoint = await enabledEndpoint(ctx, endpointId);
  return audited(ctx, { action: "event_endpoint.test", target: endpoint.id }, () =>
    sql().transaction(async (tx) => {
      const data = { message: "A test event from Sunbridge: your endpoint receives and verifies events." };
      const { rows } = await tx.query(TEST_EVENT, [endpoint.id, ctx.organization.id, JSON.stringify(data)]);
      await enqueue(EVENT_DELIVERY_QUEUE, rows[0]!, { executor: tx });
      return rows[0]!;
    }),
  );
}
