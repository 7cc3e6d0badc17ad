// The Switchboard tab's view: the app's switchboard (or none yet), its integrations in chain order, and the custom
// integrations a new switchboard integration could stand for.
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant, type ConnectionRef } from "@/lib/connections";
import { customIntegrationsOf } from "@/lib/integrations";
import { switchboardChain } from "./chain";
import { findSwitchboard } from "./current-switchboard";

export async function getSwitchboard(ctx: MemberContext, { connectionId }: ConnectionRef) {
  const tenant = await openTenant(ctx, connectionId, "switchboard");
  const [switchboard, customIntegrations] = await Promise.all([
    findSwitchboard(tenant),
    customIntegrationsOf(tenant),
  ]);
  const members = switchboard ? await tenant.read(() => tenant.client.switchboardIntegrations.list(switchboard.id)) : [];
  return {
    switchboard: switchboard && {
      id: switchboard.id,
      enabled: switchboard.enabled,
      defaultSwitchboardIntegrationId: switchboard.defaultSwitchboardIntegrationId ?? null,
    },
    chain: switchboardChain(switchboard, members),
    customIntegrations,
  };
}

export type SwitchboardOverview = Awaited<ReturnType<typeof getSwitchboard>>;
