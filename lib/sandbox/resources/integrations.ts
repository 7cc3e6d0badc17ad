// Integrations as the REST API sees them (OAuth ones are not listed), and what deleting one takes with it.
import type { SandboxContext } from "../context";
import { badRequest, integrationNotFound } from "../errors";
import type { IntegrationRecord } from "../state";

export function requireIntegration(ctx: SandboxContext, appId: string, integrationId: string): IntegrationRecord {
  const integration = ctx.state.integrations.get(integrationId);
  if (!integration || integration.appId !== appId || integration.oauthClientId) throw integrationNotFound();
  return integration;
}

/** Its webhooks, API keys and switchboard integrations go too; conversations it controlled are left uncontrolled. */
export function deleteIntegration(ctx: SandboxContext, integration: IntegrationRecord): void {
  const { state } = ctx;
  if (integration.adminCenter) throw badRequest("SDK integrations configured on Admin Center cannot be deleted");
  state.webhooks.deleteWhere((w) => w.integrationId === integration.id);
  state.keys.deleteWhere((k) => k.integrationId === integration.id);
  const removed = new Set(state.switchboardIntegrations.deleteWhere((si) => si.integrationId === integration.id).map((si) => si.id));
  for (const conversation of state.conversations.where((c) => c.appId === integration.appId)) {
    if (removed.has(conversation.activeSwitchboardIntegrationId ?? "")) conversation.activeSwitchboardIntegrationId = undefined;
    if (removed.has(conversation.pendingSwitchboardIntegrationId ?? "")) conversation.pendingSwitchboardIntegrationId = undefined;
  }
  for (const switchboard of state.switchboards.where((s) => removed.has(s.defaultSwitchboardIntegrationId ?? ""))) {
    switchboard.defaultSwitchboardIntegrationId = undefined;
    switchboard.enabled = false;
  }
  state.integrations.delete(integration.id);
  ctx.changed();
}
