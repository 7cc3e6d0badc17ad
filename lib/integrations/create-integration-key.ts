// Issues an API key for a custom integration. Its secret is in the answer and nowhere else: not stored, not logged,
// not in the audit log.
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant, type TenantAccess } from "@/lib/connections";
import { keyView } from "./key-view";
import type { createIntegrationKeySchema } from "./schemas";

export const KEY_CREATED = "integration_key.created";

/** The audited SunCo call, for this use-case and for a custom integration created with a key. */
export async function issueIntegrationKey(tenant: TenantAccess, integrationId: string, displayName: string) {
  const key = await tenant.change(
    { action: KEY_CREATED, target: `${displayName} (integration ${integrationId})`, after: (created) => keyView(created) },
    () => tenant.client.integrationKeys.create(integrationId, { displayName }),
  );
  return { ...keyView(key), secret: key.secret };
}

export async function createIntegrationKey(ctx: MemberContext, { connectionId, integrationId, displayName }: z.infer<typeof createIntegrationKeySchema>) {
  const tenant = await openTenant(ctx, connectionId, "integrationKeys", { action: KEY_CREATED });
  return issueIntegrationKey(tenant, integrationId, displayName);
}
