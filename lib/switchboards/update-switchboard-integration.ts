// Changes a switchboard integration: its name, where control goes next, standby events, message history.
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { requireSwitchboardIntegration } from "./current-switchboard";
import type { updateSwitchboardIntegrationSchema } from "./schemas";
import { switchboardIntegrationView } from "./switchboard-integration-view";

export async function updateSwitchboardIntegration(ctx: MemberContext, { connectionId, switchboardIntegrationId, ...changes }: z.infer<typeof updateSwitchboardIntegrationSchema>) {
  const tenant = await openTenant(ctx, connectionId, "switchboard", { action: "switchboard_integration.updated" });
  const { switchboard, member } = await requireSwitchboardIntegration(tenant, switchboardIntegrationId);
  const updated = await tenant.change(
    {
      action: "switchboard_integration.updated",
      target: member.name,
      before: switchboardIntegrationView(member),
      after: switchboardIntegrationView,
    },
    () => tenant.client.switchboardIntegrations.update(switchboard.id, member.id, changes),
  );
  return switchboardIntegrationView(updated);
}
