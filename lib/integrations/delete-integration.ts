// Deletes an integration; SunCo removes its webhooks, keys and switchboard integrations with it. The integration
// Sunbridge itself receives events through is refused: disconnecting is how that one goes.
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { ConflictError } from "@/lib/errors";
import { integrationView, SUNBRIDGE_INTEGRATION_IS_MANAGED } from "./integration-view";
import type { integrationRefSchema } from "./schemas";

export async function deleteIntegration(ctx: MemberContext, { connectionId, integrationId }: z.infer<typeof integrationRefSchema>) {
  const tenant = await openTenant(ctx, connectionId, "integrations", { action: "integration.deleted" });
  const before = integrationView(await tenant.read(() => tenant.client.integrations.get(integrationId)), tenant.connection);
  await tenant.change({ action: "integration.deleted", target: `${before.displayName ?? before.id} (${before.type})`, before }, async () => {
    if (before.managedBySunbridge) throw new ConflictError(SUNBRIDGE_INTEGRATION_IS_MANAGED);
    await tenant.client.integrations.delete(integrationId);
  });
}
