// Deletes the switchboard with its switchboard integrations: every integration then receives every event again.
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant, type ConnectionRef } from "@/lib/connections";
import { requireSwitchboard } from "./current-switchboard";

export async function deleteSwitchboard(ctx: MemberContext, { connectionId }: ConnectionRef) {
  const tenant = await openTenant(ctx, connectionId, "switchboard", { action: "switchboard.deleted" });
  const switchboard = await requireSwitchboard(tenant);
  const members = await tenant.read(() => tenant.client.switchboardIntegrations.list(switchboard.id));
  await tenant.change(
    {
      action: "switchboard.deleted",
      target: `switchboard ${switchboard.id}`,
      before: { enabled: switchboard.enabled, switchboardIntegrations: members.map((member) => member.name) },
    },
    () => tenant.client.switchboards.delete(switchboard.id),
  );
}
