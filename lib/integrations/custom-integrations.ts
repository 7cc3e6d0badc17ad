// Every custom integration of a tenant's app, across pages: the owners of webhooks and the integrations a switchboard
// integration may stand for.
import type { TenantAccess } from "@/lib/connections";

export async function customIntegrationsOf(tenant: TenantAccess): Promise<{ id: string; displayName: string | null }[]> {
  return tenant.read(async () => {
    const found: { id: string; displayName: string | null }[] = [];
    for await (const integration of tenant.client.integrations.iterate({ types: ["custom"] })) {
      found.push({ id: integration.id, displayName: integration.displayName ?? null });
    }
    return found;
  });
}
