// Enables or disables the switchboard, or changes its default integration (the one that takes new conversations).
// SunCo refuses enabling a switchboard without a default.
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { requireSwitchboard } from "./current-switchboard";
import type { updateSwitchboardSchema } from "./schemas";

const stateOf = (switchboard: { enabled: boolean; defaultSwitchboardIntegrationId?: string | null }) => ({
  enabled: switchboard.enabled,
  defaultSwitchboardIntegrationId: switchboard.defaultSwitchboardIntegrationId ?? null,
});

export async function updateSwitchboard(ctx: MemberContext, { connectionId, ...changes }: z.infer<typeof updateSwitchboardSchema>) {
  const tenant = await openTenant(ctx, connectionId, "switchboard", { action: "switchboard.updated" });
  const before = await requireSwitchboard(tenant);
  const updated = await tenant.change(
    { action: "switchboard.updated", target: `switchboard ${before.id}`, before: stateOf(before), after: stateOf },
    () => tenant.client.switchboards.update(before.id, changes),
  );
  return stateOf(updated);
}
