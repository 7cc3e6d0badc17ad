// A custom integration's API keys, masked: SunCo sends every secret back on each read, Sunbridge shows none.
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { parseInput } from "@/lib/validation";
import { maskedKeyView } from "./key-view";
import { integrationRefSchema } from "./schemas";

/** SunCo's limit per custom integration. */
export const MAX_KEYS_PER_INTEGRATION = 10;

export async function listIntegrationKeys(ctx: MemberContext, rawInput: unknown) {
  const { connectionId, integrationId } = parseInput(integrationRefSchema, rawInput);
  const tenant = await openTenant(ctx, connectionId, "integrationKeys");
  return (await tenant.read(() => tenant.client.integrationKeys.list(integrationId))).map(maskedKeyView);
}
