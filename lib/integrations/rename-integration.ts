// Renames an integration (any type: the display name is the one field every type may update).
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { integrationView } from "./integration-view";
import type { renameIntegrationSchema } from "./schemas";

export async function renameIntegration(ctx: MemberContext, { connectionId, integrationId, displayName }: z.infer<typeof renameIntegrationSchema>) {
  const tenant = await openTenant(ctx, connectionId, "integrations", { action: "integration.renamed" });
  const before = integrationView(await tenant.read(() => tenant.client.integrations.get(integrationId)), tenant.connection);
  const renamed = await tenant.change(
    {
      action: "integration.renamed",
      target: `${before.displayName ?? before.id} (${before.type})`,
      before: { displayName: before.displayName },
      after: () => ({ displayName }),
    },
    () => tenant.client.integrations.update(integrationId, { displayName }),
  );
  return integrationView(renamed, tenant.connection);
}
