// The tenant app's details and settings. An app key reads them with GetApp; an OAuth token may not, but tokenInfo
// answers with the same app, so OAuth connections see them too (read-only).
import type { MemberContext } from "@/lib/auth/require-member";
import { capabilityOf, fetchConnectedApp, openTenant, type ConnectionRef } from "@/lib/connections";

export async function getAppDetails(ctx: MemberContext, { connectionId }: ConnectionRef) {
  const tenant = await openTenant(ctx, connectionId, null);
  const { connection } = tenant;
  const app = await tenant.read(() => fetchConnectedApp(connection));
  return {
    id: app.id,
    displayName: app.displayName ?? null,
    subdomain: app.subdomain ?? connection.subdomain,
    settings: app.settings ?? {},
    metadata: app.metadata ?? null,
    editable: capabilityOf(connection, "appSettings"),
  };
}

export type AppDetails = Awaited<ReturnType<typeof getAppDetails>>;
