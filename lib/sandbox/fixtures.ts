// The seeded world every sandbox starts from (and `POST /_control/reset` restores): two Zendesk accounts, each with
// one app, its API keys and a Web Messenger integration, plus the partner's registered OAuth client.
import { createHmac } from "node:crypto";
import { SANDBOX_OAUTH_CLIENT } from "@/lib/env";
import { stateFromSnapshot, type AppSettings, type SandboxState } from "./state";

interface TenantFixture {
  account: { id: string; displayName: string; subdomain: string };
  accountKey: { id: string; secret: string };
  app: { id: string; displayName: string; settings: AppSettings };
  appKey: { id: string; secret: string };
  webIntegrationId: string;
  agentWorkspaceIntegrationId: string;
}

const AGENT_WORKSPACE = "zd:agentWorkspace";

const TENANTS: TenantFixture[] = [
  {
    account: { id: "65f000000000000000000a00", displayName: "Acme Corp", subdomain: "acme" },
    accountKey: { id: "act_65f000000000000000000a03", secret: "sandbox-acme-account-secret-not-for-production" },
    app: {
      id: "65f000000000000000000a01",
      displayName: "Acme Support",
      settings: {
        conversationRetentionSeconds: 0,
        maskCreditCardNumbers: true,
        useAnimalNames: false,
        echoPostback: false,
        ignoreAutoConversationStart: false,
        multiConvoEnabled: false,
        appLocalizationEnabled: false,
      },
    },
    appKey: { id: "app_65f000000000000000000a02", secret: "sandbox-acme-app-secret-not-for-production" },
    webIntegrationId: "65f000000000000000000a04",
    agentWorkspaceIntegrationId: "65f000000000000000000a05",
  },
  {
    account: { id: "65f000000000000000000b00", displayName: "Globex", subdomain: "globex" },
    accountKey: { id: "act_65f000000000000000000b03", secret: "sandbox-globex-account-secret-not-for-production" },
    app: {
      id: "65f000000000000000000b01",
      displayName: "Globex Help Desk",
      settings: {
        conversationRetentionSeconds: 0,
        maskCreditCardNumbers: true,
        useAnimalNames: false,
        echoPostback: true,
        ignoreAutoConversationStart: false,
        multiConvoEnabled: true,
        appLocalizationEnabled: false,
      },
    },
    appKey: { id: "app_65f000000000000000000b02", secret: "sandbox-globex-app-secret-not-for-production" },
    webIntegrationId: "65f000000000000000000b04",
    agentWorkspaceIntegrationId: "65f000000000000000000b05",
  },
];

export interface SandboxFixtures {
  apps: {
    id: string;
    displayName: string;
    subdomain: string;
    accountId: string;
    appKeys: { id: string; secret: string }[];
    integrations: { id: string; type: string }[];
  }[];
  accounts: { id: string; displayName: string; subdomain: string; accountKeys: { id: string; secret: string }[] }[];
  oauthClients: { clientId: string; clientSecret: string; redirectUris: string[]; removeUrl: string }[];
}

/** The partner's OAuth client as registered with SunCo, for an app served at `appUrl`. */
export function partnerOAuthClient(appUrl: string) {
  const base = appUrl.replace(/\/+$/, "");
  return {
    clientId: SANDBOX_OAUTH_CLIENT.clientId,
    clientSecret: SANDBOX_OAUTH_CLIENT.clientSecret,
    redirectUris: [`${base}/api/oauth/sunco/callback`],
    removeUrl: `${base}/api/oauth/sunco/removed`,
  };
}

/**
 * The seeded keys' secrets: the published ones (README, tests), or, given a seed, ones derived from it, which a
 * sandbox reachable from other machines needs: anyone could otherwise use the published keys to read every webhook's
 * secret through SunCo's own API.
 */
function seededKey(key: { id: string; secret: string }, secretSeed: string | undefined) {
  if (!secretSeed) return { ...key };
  return { id: key.id, secret: `sandbox-${createHmac("sha256", secretSeed).update(`sandbox-key:${key.id}`).digest("base64url")}` };
}

export function fixtures(appUrl: string, secretSeed?: string): SandboxFixtures {
  return {
    apps: TENANTS.map((t) => ({
      id: t.app.id,
      displayName: t.app.displayName,
      subdomain: t.account.subdomain,
      accountId: t.account.id,
      appKeys: [seededKey(t.appKey, secretSeed)],
      integrations: [
        { id: t.webIntegrationId, type: "web" },
        { id: t.agentWorkspaceIntegrationId, type: AGENT_WORKSPACE },
      ],
    })),
    accounts: TENANTS.map((t) => ({ ...t.account, accountKeys: [seededKey(t.accountKey, secretSeed)] })),
    oauthClients: [partnerOAuthClient(appUrl)],
  };
}

/** The partner's client is configuration, not data: a saved state gets it afresh for the current app URL. */
export function registerPartnerClient(state: SandboxState, appUrl: string): SandboxState {
  const client = partnerOAuthClient(appUrl);
  state.oauthClients.insert({ id: client.clientId, displayName: "Sunbridge", ...client });
  return state;
}

export function seededState(appUrl: string, secretSeed?: string): SandboxState {
  const state = stateFromSnapshot({
    accounts: TENANTS.map((t) => ({ ...t.account })),
    apps: TENANTS.map((t) => ({
      id: t.app.id,
      accountId: t.account.id,
      displayName: t.app.displayName,
      subdomain: t.account.subdomain,
      settings: { ...t.app.settings },
      metadata: null,
    })),
    keys: TENANTS.flatMap((t) => [
      { ...seededKey(t.accountKey, secretSeed), displayName: "Account key", scope: "account" as const, accountId: t.account.id },
      { ...seededKey(t.appKey, secretSeed), displayName: "Sandbox key", scope: "app" as const, accountId: t.account.id, appId: t.app.id },
    ]),
    integrations: TENANTS.flatMap((t) => [
      {
        id: t.webIntegrationId,
        appId: t.app.id,
        type: "web",
        status: "active" as const,
        displayName: "Web Messenger",
        settings: {},
        adminCenter: true,
      },
      // Every Zendesk app has the Agent Workspace as an OAuth-style integration, which switchboards point at.
      {
        id: t.agentWorkspaceIntegrationId,
        appId: t.app.id,
        type: AGENT_WORKSPACE,
        status: "active" as const,
        displayName: "Zendesk Agent Workspace",
        settings: {},
        oauthClientId: AGENT_WORKSPACE,
        adminCenter: true,
      },
    ]),
  });
  return registerPartnerClient(state, appUrl);
}
