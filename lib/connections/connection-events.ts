// What the organization's event endpoints hear of a connection: created, and each change of its state, recorded in
// the Prisma transaction that makes the change (lib/partner-events queues the deliveries once it commits).
import type { Connection } from "@/lib/db/generated/client";
import type { ConnectionState } from "@/lib/db/generated/enums";
import type { PartnerEventInput } from "@/lib/partner-events";

type ConnectionFacts = Pick<Connection, "id" | "organizationId" | "appId" | "appName" | "state" | "stateReason">;

const view = (c: ConnectionFacts) => ({ id: c.id, appId: c.appId, appName: c.appName, state: c.state, stateReason: c.stateReason });

/** The event for a connection now `connection`, which was `previous` (null: it is new); none when its state stayed. */
export function connectionEvents(connection: ConnectionFacts, previous: { state: ConnectionState } | null): PartnerEventInput[] {
  if (!previous) return [{ organizationId: connection.organizationId, type: "connection.created", data: { connection: view(connection) } }];
  if (previous.state === connection.state) return [];
  return [{
    organizationId: connection.organizationId,
    type: "connection.status_changed",
    data: { connection: view(connection), previousState: previous.state },
  }];
}
