// A connection's state, changed in one place: who or what noticed, why, when, and recorded in the audit log.
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/db";
import type { ConnectionState } from "@/lib/db/generated/enums";
import { logger } from "@/lib/log";
import { queueRecordedDeliveries, recordPartnerEventsWithPrisma } from "@/lib/partner-events";
import { connectionEvents } from "./connection-events";

export async function setConnectionState(
  connection: { id: string; organizationId: string },
  state: ConnectionState,
  reason: string | null,
  actor: AuditActor = { organizationId: connection.organizationId, label: "system" },
) {
  const before = await db().connection.findUnique({ where: { id: connection.id }, select: { state: true, stateReason: true } });
  if (!before || (before.state === state && before.stateReason === reason)) return;
  const deliveries = await db().$transaction(async (tx) => {
    const updated = await tx.connection.update({
      where: { id: connection.id },
      data: { state, stateReason: reason, stateChangedAt: new Date() },
    });
    return recordPartnerEventsWithPrisma(tx, connectionEvents(updated, before));
  });
  await queueRecordedDeliveries(deliveries);
  await recordAudit(actor, {
    action: "connection.state_changed",
    connectionId: connection.id,
    before: { state: before.state, reason: before.stateReason },
    after: { state, reason },
  });
}

/**
 * SunCo answered 401: the credentials no longer work. Only an active connection moves to needs_reauth (a
 * revoked one stays revoked). Called from the client observer, so it must never throw.
 */
export function noticeUnauthorized(connection: { id: string; organizationId: string }, operation: string) {
  void (async () => {
    const current = await db().connection.findUnique({ where: { id: connection.id }, select: { state: true } });
    if (current?.state !== "active" && current?.state !== "error") return;
    await setConnectionState(connection, "needs_reauth", `SunCo refused the credentials (401 on ${operation}). Reconnect to restore access.`);
  })().catch((error) => logger().error({ err: error, connectionId: connection.id }, "could not mark a connection for re-authorization"));
}
