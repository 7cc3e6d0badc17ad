// The Switchboard tab's view: the app's switchboard (or none yet), its integrations in chain order, the custom
// integrations a new switchboard integration could stand for, and what it may stand for as the form offers it.
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant, type ConnectionRef } from "@/lib/connections";
import { customIntegrationsOf } from "@/lib/integrations";
import { switchboardChain } from "./chain";
import { findSwitchboard } from "./current-switchboard";
import { fullSwitchboardReason, integrationChoices } from "./integration-choices";

export async function getSwitchboard(ctx: MemberContext, { connectionId }: ConnectionRef) {
  const tenant = await openTenant(ctx, connectionId, "switchboard");
  const [switchboard, customIntegrations] = await Promise.all([
    findSwitchboard(tenant),
    customIntegrationsOf(tenant),
  ]);
  const members = switchboard ? await tenant.read(() => tenant.client.switchboardIntegrations.list(switchboard.id)) : [];
  const chain = switchboardChain(switchboard, members);
  return {
    switchboard: switchboard && {
      id: switchboard.id,
      enabled: switchboard.enabled,
      defaultSwitchboardIntegrationId: switchboard.defaultSwitchboardIntegrationId ?? null,
    },
    chain,
    customIntegrations,
    integrationChoices: integrationChoices(chain, customIntegrations),
    /** Why no integration can be added; null while one can. */
    full: fullSwitchboardReason(chain),
  };
}

export type SwitchboardOverview = Awaited<ReturnType<typeof getSwitchboard>>;
