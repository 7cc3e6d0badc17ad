// Revokes a custom integration API key: whatever used it stops working at once.
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { keyView } from "./key-view";
import type { deleteIntegrationKeySchema } from "./schemas";

export async function deleteIntegrationKey(ctx: MemberContext, { connectionId, integrationId, keyId }: z.infer<typeof deleteIntegrationKeySchema>) {
  const tenant = await openTenant(ctx, connectionId, "integrationKeys", { action: "integration_key.deleted" });
  const before = keyView(await tenant.read(() => tenant.client.integrationKeys.get(integrationId, keyId)));
  await tenant.change(
    { action: "integration_key.deleted", target: `${before.displayName ?? keyId} (integration ${integrationId})`, before },
    () => tenant.client.integrationKeys.delete(integrationId, keyId),
  );
}
