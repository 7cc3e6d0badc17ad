// The partner's labels of a connection: its own id for the tenant (`externalId`, unique in the organization) and a
// display name shown instead of the SunCo app's name. Set by owners and admins on the Connections page, or by an API
// key with the manage scope; read by anyone who may see connections, API keys with the read scope included.
import { requireAuthority, type ActorContext } from "@/lib/auth/actor";
import { audited } from "@/lib/audit/record";
import { db, Prisma } from "@/lib/db";
import type { ConnectionState } from "@/lib/db/generated/enums";
import { InvalidInputError, NotFoundError } from "@/lib/errors";

export interface PartnerConnection {
  id: string;
  appId: string;
  appName: string;
  externalId: string | null;
  displayName: string | null;
  /** The display name where set, else the app's name. */
  name: string;
  state: ConnectionState;
  stateReason: string | null;
  lastEventAt: Date | null;
  createdAt: Date;
}

export interface ConnectionFilter {
  state?: ConnectionState;
  externalId?: string;
}

export interface ConnectionLabels {
  /** Null clears it; absent leaves it. */
  externalId?: string | null;
  displayName?: string | null;
}

const SELECT = {
  id: true,
  appId: true,
  appName: true,
  externalId: true,
  displayName: true,
  state: true,
  stateReason: true,
  lastEventAt: true,
  createdAt: true,
} satisfies Prisma.ConnectionSelect;

const partnerView = (row: Prisma.ConnectionGetPayload<{ select: typeof SELECT }>): PartnerConnection => ({ ...row, name: row.displayName ?? row.appName });

const notFound = () => new NotFoundError("That connection is not in this organization.");

export async function listPartnerConnections(ctx: ActorContext, filter: ConnectionFilter = {}): Promise<PartnerConnection[]> {
  const rows = await db().connection.findMany({
    where: { organizationId: ctx.organization.id, state: filter.state, externalId: filter.externalId },
    select: SELECT,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(partnerView);
}

export async function getPartnerConnection(ctx: ActorContext, connectionId: string): Promise<PartnerConnection> {
  const row = await db().connection.findFirst({ where: { id: connectionId, organizationId: ctx.organization.id }, select: SELECT });
  if (!row) throw notFound();
  return partnerView(row);
}

export async function labelConnection(ctx: ActorContext, connectionId: string, labels: ConnectionLabels): Promise<PartnerConnection> {
  requireAuthority(ctx, { role: "admin", scope: "manage" }, "label connections");
  const before = await getPartnerConnection(ctx, connectionId);
  return audited(
    ctx,
    { action: "connection.labelled", connectionId, target: before.appName, before: { externalId: before.externalId, displayName: before.displayName }, after: (row) => ({ externalId: row.externalId, displayName: row.displayName }) },
    async () => {
      try {
        return partnerView(await db().connection.update({ where: { id: before.id }, data: labels, select: SELECT }));
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
          throw new InvalidInputError("Another connection of this organization has that externalId.", { externalId: ["is taken by another connection"] });
        }
        throw error;
      }
    },
  );
}
