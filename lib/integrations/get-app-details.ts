// The tenant app's details and settings. An app key reads them with GetApp; an OAuth token may not, but tokenInfo
// answers with the same app, so OAuth connections see them too (read-only).
import type { MemberContext } from "@/lib/auth/require-member";
import { capabilityOf, openConnectionSecret, openTenant, type ConnectionRef } from "@/lib/connections";
import { recordSuncoCall } from "@/lib/observability/sunco-observer";
import { getTokenInfo } from "@/lib/sunco";
import type { AppWithSubdomain } from "@/lib/sunco/schemas";

export async function getAppDetails(ctx: MemberContext, { connectionId }: ConnectionRef) {
  const tenant = await openTenant(ctx, connectionId, null);
  const { connection } = tenant;
  const app: AppWithSubdomain = await tenant.read(() =>
    connection.authType === "oauth"
      ? getTokenInfo(openConnectionSecret(connection, "encryptedAccessToken")!, { observer: { onCall: recordSuncoCall } })
      : tenant.client.app.get(),
  );
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
