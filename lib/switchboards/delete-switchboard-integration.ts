// Removes an integration from the switchboard. SunCo refuses it for the default and for one another names as next;
// the page says so beforehand, and SunCo's refusal is shown if it comes anyway.
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { requireSwitchboardIntegration } from "./current-switchboard";
import type { switchboardIntegrationRefSchema } from "./schemas";
import { switchboardIntegrationView } from "./switchboard-integration-view";

export async function deleteSwitchboardIntegration(ctx: MemberContext, { connectionId, switchboardIntegrationId }: z.infer<typeof switchboardIntegrationRefSchema>) {
  const tenant = await openTenant(ctx, connectionId, "switchboard", { action: "switchboard_integration.deleted" });
  const { switchboard, member } = await requireSwitchboardIntegration(tenant, switchboardIntegrationId);
  await tenant.change(
    { action: "switchboard_integration.deleted", target: member.name, before: switchboardIntegrationView(member) },
    () => tenant.client.switchboardIntegrations.delete(switchboard.id, member.id),
  );
}
