// SunCo's facts about switchboard integrations that Sunbridge's pages need: how many a switchboard may have, the
// Agent Workspace's integration type, and which integration is Sunbridge's own (an OAuth integration's type is its
// OAuth client id). The Switchboard tab asks here instead of restating them.
import { env } from "@/lib/env";
import type { ChainStep } from "./chain";

/** SunCo allows this many switchboard integrations per switchboard. */
export const MAX_SWITCHBOARD_INTEGRATIONS = 10;
export const AGENT_WORKSPACE = "zd:agentWorkspace";

/** The integrationType of Sunbridge's own OAuth integration, when an OAuth client is configured. */
export function ownOAuthIntegrationType(): string | null {
  return env().sunco.oauthClient?.clientId ?? null;
}

/** One choice of what a new switchboard integration stands for. */
export interface IntegrationChoice {
  /** What the form sends: "custom:<integration id>" or "oauth:<client id>". */
  value: string;
  label: string;
}

/** Custom integrations by id; OAuth integrations by type: the Agent Workspace, Sunbridge's own client, those in use. */
export function integrationChoices(chain: ChainStep[], customIntegrations: { id: string; displayName: string | null }[]): IntegrationChoice[] {
  const ownClient = ownOAuthIntegrationType();
  const oauthTypes = new Set([AGENT_WORKSPACE, ...(ownClient ? [ownClient] : [])]);
  for (const step of chain) if (step.integrationType !== "custom") oauthTypes.add(step.integrationType);
  return [
    ...customIntegrations.map((integration) => ({ value: `custom:${integration.id}`, label: `${integration.displayName ?? integration.id} (custom)` })),
    ...[...oauthTypes].map((type) => ({
      value: `oauth:${type}`,
      label: type === AGENT_WORKSPACE ? "Zendesk Agent Workspace (zd:agentWorkspace)" : type === ownClient ? `Sunbridge, OAuth (${type})` : type,
    })),
  ];
}

/** Why no integration can be added to the switchboard; null while one can. */
export function fullSwitchboardReason(chain: ChainStep[]): string | null {
  return chain.length >= MAX_SWITCHBOARD_INTEGRATIONS ? `The switchboard already has the ${MAX_SWITCHBOARD_INTEGRATIONS} integrations SunCo allows.` : null;
}
