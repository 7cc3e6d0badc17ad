// Revokes a custom integration API key: whatever used it stops working at once.
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { parseInput } from "@/lib/validation";
import { keyView } from "./key-view";
import { deleteIntegrationKeySchema } from "./schemas";

export async function deleteIntegrationKey(ctx: MemberContext, rawInput: unknown) {
  const { connectionId, integrationId, keyId } = parseInput(deleteIntegrationKeySchema, rawInput);
  const tenant = await openTenant(ctx, connectionId, "integrationKeys", { action: "integration_key.deleted" });
  const before = keyView(await tenant.read(() => tenant.client.integrationKeys.get(integrationId, keyId)));
  await tenant.change(
    { action: "integration_key.deleted", target: `${before.displayName ?? keyId} (integration ${integrationId})`, before },
    () => tenant.client.integrationKeys.delete(integrationId, keyId),
  );
}
