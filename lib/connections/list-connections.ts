// The Connections page's rows and a connection's settings header: what an owner or admin needs to see, and never
// a secret.
import { roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import { db, type Prisma } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";

const withConnectedBy = { connectedBy: { select: { name: true, email: true } } } satisfies Prisma.ConnectionInclude;

function assertAdmin(ctx: MemberContext) {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins manage connections.");
}

function connectionRow(row: Prisma.ConnectionGetPayload<{ include: typeof withConnectedBy }>) {
  return {
    id: row.id,
    appId: row.appId,
    appName: row.appName,
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
  };
}

export async function listConnections(ctx: MemberContext) {
  assertAdmin(ctx);
  const rows = await db().connection.findMany({
    where: { organizationId: ctx.organization.id },
    orderBy: [{ state: "asc" }, { appName: "asc" }],
    include: withConnectedBy,
  });
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
