// A custom integration's API keys, masked: SunCo sends every secret back on each read, Sunbridge shows none.
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { maskedKeyView } from "./key-view";
import type { integrationRefSchema } from "./schemas";

/** SunCo's limit per custom integration. */
export const MAX_KEYS_PER_INTEGRATION = 10;

export async function listIntegrationKeys(ctx: MemberContext, { connectionId, integrationId }: z.infer<typeof integrationRefSchema>) {
  const tenant = await openTenant(ctx, connectionId, "integrationKeys");
  return (await tenant.read(() => tenant.client.integrationKeys.list(integrationId))).map(maskedKeyView);
}
