// An app has at most one switchboard and SunCo has no get-by-id, so each use-case finds it by listing.
import type { TenantAccess } from "@/lib/connections";
import { NotFoundError } from "@/lib/errors";

export const NO_SWITCHBOARD = "This app has no switchboard yet: create one first.";

export async function findSwitchboard(tenant: TenantAccess) {
  const [switchboard] = await tenant.read(() => tenant.client.switchboards.list());
  return switchboard ?? null;
}

export async function requireSwitchboard(tenant: TenantAccess) {
  const switchboard = await findSwitchboard(tenant);
  if (!switchboard) throw new NotFoundError(NO_SWITCHBOARD);
  return switchboard;
}

export async function requireSwitchboardIntegration(tenant: TenantAccess, switchboardIntegrationId: string) {
  const switchboard = await requireSwitchboard(tenant);
  const members = await tenant.read(() => tenant.client.switchboardIntegrations.list(switchboard.id));
  const member = members.find((candidate) => candidate.id === switchboardIntegrationId);
  if (!member) throw new NotFoundError("That switchboard integration is not in this app's switchboard any more: reload.");
  return { switchboard, member, members };
}
