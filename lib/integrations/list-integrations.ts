// A page of the app's integrations (channels and custom integrations), optionally of some types only. OAuth
// integrations are not listed by SunCo, and an OAuth token may not list at all.
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { integrationView } from "./integration-view";
import type { listIntegrationsSchema } from "./schemas";

export const INTEGRATIONS_PAGE_SIZE = 50;

export async function listIntegrations(ctx: MemberContext, { connectionId, types, after }: z.infer<typeof listIntegrationsSchema>) {
  const tenant = await openTenant(ctx, connectionId, "integrations");
  const page = await tenant.read(() =>
    tenant.client.integrations.list({ types: types.length > 0 ? types : undefined }, { after, size: INTEGRATIONS_PAGE_SIZE }),
  );
  return {
    integrations: page.items.map((integration) => integrationView(integration, tenant.connection)),
    nextCursor: page.meta.hasMore ? (page.meta.afterCursor ?? null) : null,
  };
}
