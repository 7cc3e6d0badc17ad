// One integration of the connection's app, for its page.
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { integrationView } from "./integration-view";
import type { IntegrationRef } from "./schemas";

export async function getIntegration(ctx: MemberContext, { connectionId, integrationId }: IntegrationRef) {
  const tenant = await openTenant(ctx, connectionId, "integrations");
  return integrationView(await tenant.read(() => tenant.client.integrations.get(integrationId)), tenant.connection);
}
