// Adds an integration to the switchboard: a custom integration by id or an OAuth one by type, with where control
// goes next and whether it hears events while in standby.
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { requireSwitchboard } from "./current-switchboard";
import type { createSwitchboardIntegrationSchema } from "./schemas";
import { switchboardIntegrationView } from "./switchboard-integration-view";

export async function createSwitchboardIntegration(ctx: MemberContext, { connectionId, integration, ...fields }: z.infer<typeof createSwitchboardIntegrationSchema>) {
  const tenant = await openTenant(ctx, connectionId, "switchboard", { action: "switchboard_integration.created" });
  const switchboard = await requireSwitchboard(tenant);
  const created = await tenant.change(
    { action: "switchboard_integration.created", target: fields.name, after: switchboardIntegrationView },
    () => tenant.client.switchboardIntegrations.create(switchboard.id, { ...fields, ...integration }),
  );
  return switchboardIntegrationView(created);
}
