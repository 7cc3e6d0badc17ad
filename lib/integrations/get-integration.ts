// One integration of the connection's app, for its page.
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { integrationView } from "./integration-view";
import type { integrationRefSchema } from "./schemas";

export async function getIntegration(ctx: MemberContext, { connectionId, integrationId }: z.infer<typeof integrationRefSchema>) {
  const tenant = await openTenant(ctx, connectionId, "integrations");
  return integrationView(await tenant.read(() => tenant.client.integrations.get(integrationId)), tenant.connection);
}
