// One integration of the connection's app, for its page.
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { parseInput } from "@/lib/validation";
import { integrationView } from "./integration-view";
import { integrationRefSchema } from "./schemas";

export async function getIntegration(ctx: MemberContext, rawInput: unknown) {
  const { connectionId, integrationId } = parseInput(integrationRefSchema, rawInput);
  const tenant = await openTenant(ctx, connectionId, "integrations");
  return integrationView(await tenant.read(() => tenant.client.integrations.get(integrationId)), tenant.connection);
}
