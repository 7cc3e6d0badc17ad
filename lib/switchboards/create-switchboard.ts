// Creates the app's switchboard. SunCo creates it disabled, and refuses a second one.
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant, type ConnectionRef } from "@/lib/connections";

export async function createSwitchboard(ctx: MemberContext, { connectionId }: ConnectionRef) {
  const tenant = await openTenant(ctx, connectionId, "switchboard", { action: "switchboard.created" });
  return tenant.change(
    { action: "switchboard.created", after: (switchboard) => ({ id: switchboard.id, enabled: switchboard.enabled }) },
    () => tenant.client.switchboards.create(),
  );
}
