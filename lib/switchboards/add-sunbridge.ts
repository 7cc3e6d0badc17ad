// After an app key connects an app that has a switchboard, Sunbridge offers to join it, as Botpress's integration
// does: its custom integration becomes a switchboard integration that passes control on to the Agent Workspace (when
// the switchboard has one). It does not become the default: who answers first stays the admin's choice, on the
// Switchboard tab. OAuth tokens cannot manage switchboards (lib/connections capabilities), so they are never offered.
import type { MemberContext } from "@/lib/auth/require-member";
import { capabilityOf, openTenant, type ConnectionRef, type TenantAccess } from "@/lib/connections";
import { ConflictError } from "@/lib/errors";
import { switchboardChain, type ChainStep } from "./chain";
import { findSwitchboard, requireSwitchboard } from "./current-switchboard";

export const SUNBRIDGE_SWITCHBOARD_NAME = "sunbridge";
const AGENT_WORKSPACE = "zd:agentWorkspace";

export interface SwitchboardPlacement {
  /** The app has a switchboard, and Sunbridge's integration is not in it: offer to add it. */
  offer: boolean;
  chain: ChainStep[];
}

async function membersOf(tenant: TenantAccess, switchboardId: string) {
  return tenant.read(() => tenant.client.switchboardIntegrations.list(switchboardId));
}

/** Whether to offer joining the switchboard; null when the connection cannot manage one (OAuth) or the app has none. */
export async function switchboardPlacement(ctx: MemberContext, { connectionId }: ConnectionRef): Promise<SwitchboardPlacement | null> {
  const tenant = await openTenant(ctx, connectionId, null);
  if (!capabilityOf(tenant.connection, "switchboard").allowed || !tenant.connection.integrationId) return null;
  const switchboard = await findSwitchboard(tenant);
  if (!switchboard) return null;
  const members = await membersOf(tenant, switchboard.id);
  return { offer: !members.some((member) => member.integrationId === tenant.connection.integrationId), chain: switchboardChain(switchboard, members) };
}

/** Adds Sunbridge's custom integration to the app's switchboard; the chain as it now stands. */
export async function addSunbridgeToSwitchboard(ctx: MemberContext, { connectionId }: ConnectionRef): Promise<ChainStep[]> {
  const tenant = await openTenant(ctx, connectionId, "switchboard", { action: "switchboard_integration.created" });
  const integrationId = tenant.connection.integrationId;
  if (!integrationId) throw new ConflictError("This connection has no integration of its own yet: reconnect it first.");
  const switchboard = await requireSwitchboard(tenant);
  const members = await membersOf(tenant, switchboard.id);
  if (members.some((member) => member.integrationId === integrationId)) throw new ConflictError("Sunbridge is in this app's switchboard already.");
  const agentWorkspace = members.find((member) => member.integrationType === AGENT_WORKSPACE);
  const created = await tenant.change({ action: "switchboard_integration.created", target: SUNBRIDGE_SWITCHBOARD_NAME }, () =>
    tenant.client.switchboardIntegrations.create(switchboard.id, {
      name: SUNBRIDGE_SWITCHBOARD_NAME,
      integrationId,
      deliverStandbyEvents: false,
      ...(agentWorkspace ? { nextSwitchboardIntegrationId: agentWorkspace.id } : {}),
    }),
  );
  return switchboardChain(switchboard, [...members, created]);
}
