// Creates the app's switchboard. SunCo creates it disabled, and refuses a second one.
import type { MemberContext } from "@/lib/auth/require-member";
import { connectionRefSchema, openTenant } from "@/lib/connections";
import { parseInput } from "@/lib/validation";

export async function createSwitchboard(ctx: MemberContext, rawInput: unknown) {
  const { connectionId } = parseInput(connectionRefSchema, rawInput);
  const tenant = await openTenant(ctx, connectionId, "switchboard", { action: "switchboard.created" });
  return tenant.change(
    { action: "switchboard.created", after: (switchboard) => ({ id: switchboard.id, enabled: switchboard.enabled }) },
    () => tenant.client.switchboards.create(),
  );
}
