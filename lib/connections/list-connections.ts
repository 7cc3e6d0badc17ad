// The organization's connections, listed in one place: in full for the Connections page and a connection's settings
// header (owners and admins), by name for anyone who picks one (the inbox's filter: any member may see which apps
// conversations come from). Never a secret.
import { roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import { db, type Prisma } from "@/lib/db";
import type { ConnectionState } from "@/lib/db/generated/enums";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { handoffFieldsOf } from "./handoff-fields";

const withConnectedBy = { connectedBy: { select: { name: true, email: true } } } satisfies Prisma.ConnectionInclude;

function assertAdmin(ctx: MemberContext) {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins manage connections.");
}

function connectionRow(row: Prisma.ConnectionGetPayload<{ include: typeof withConnectedBy }>) {
  return {
    id: row.id,
    appId: row.appId,
    appName: row.appName,
    externalId: row.externalId,
    displayName: row.displayName,
    subdomain: row.subdomain,
    region: row.region,
    authType: row.authType,
    apiKeyId: row.apiKeyId,
    hasApiKeySecret: row.encryptedApiKeySecret !== null,
    integrationId: row.integrationId,
    webhookId: row.webhookId,
    state: row.state,
    stateReason: row.stateReason,
    stateChangedAt: row.stateChangedAt,
    lastEventAt: row.lastEventAt,
    lastCheckedAt: row.lastCheckedAt,
    connectedBy: row.connectedBy ? `${row.connectedBy.name} <${row.connectedBy.email}>` : null,
    handoffFields: handoffFieldsOf(row),
  };
}

export interface ConnectionName {
  id: string;
  appName: string;
  state: ConnectionState;
}

const byName = (a: ConnectionName, b: ConnectionName) => compare(a.appName.toLowerCase(), b.appName.toLowerCase()) || compare(a.id, b.id);
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The member's organization's connections. `"settings"` (the default, owners and admins only): every detail the
 * Connections page shows, the working ones first. `"names"` (any member): id, app name and state, by name.
 */
export async function listConnections(ctx: MemberContext, view?: "settings"): Promise<ConnectionRow[]>;
export async function listConnections(ctx: MemberContext, view: "names"): Promise<ConnectionName[]>;
export async function listConnections(ctx: MemberContext, view: "settings" | "names" = "settings"): Promise<ConnectionRow[] | ConnectionName[]> {
  const where = { organizationId: ctx.organization.id };
  if (view === "names") {
    const rows = await db().connection.findMany({ where, select: { id: true, appName: true, displayName: true, state: true } });
    // The partner's display name, where set, is the name people know the connection by.
    return rows.map(({ displayName, ...row }) => ({ ...row, appName: displayName ?? row.appName })).sort(byName);
  }
  assertAdmin(ctx);
  const rows = await db().connection.findMany({ where, orderBy: [{ state: "asc" }, { appName: "asc" }], include: withConnectedBy });
  return rows.map(connectionRow);
}

/** One connection of the member's organization, as its settings pages show it. */
export async function getConnection(ctx: MemberContext, connectionId: string) {
  assertAdmin(ctx);
  const row = await db().connection.findFirst({
    where: { id: connectionId, organizationId: ctx.organization.id },
    include: withConnectedBy,
  });
  if (!row) throw new NotFoundError("That connection is not in this organization.");
  return connectionRow(row);
}

export type ConnectionRow = ReturnType<typeof connectionRow>;
