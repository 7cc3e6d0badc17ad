// The Connections page's rows: what an owner or admin needs to see, and never a secret.
import { roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";

export async function listConnections(ctx: MemberContext) {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins manage connections.");
  const rows = await db().connection.findMany({
    where: { organizationId: ctx.organization.id },
    orderBy: [{ state: "asc" }, { appName: "asc" }],
    include: { connectedBy: { select: { name: true, email: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    appId: row.appId,
    appName: row.appName,
    subdomain: row.subdomain,
    region: row.region,
    authType: row.authType,
    apiKeyId: row.apiKeyId,
    hasApiKeySecret: row.encryptedApiKeySecret !== null,
    webhookId: row.webhookId,
    state: row.state,
    stateReason: row.stateReason,
    stateChangedAt: row.stateChangedAt,
    lastEventAt: row.lastEventAt,
    lastCheckedAt: row.lastCheckedAt,
    connectedBy: row.connectedBy ? `${row.connectedBy.name} <${row.connectedBy.email}>` : null,
  }));
}

export type ConnectionRow = Awaited<ReturnType<typeof listConnections>>[number];
