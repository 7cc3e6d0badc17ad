// One client per tenant connection: its app, credentials and region, with a typed method for every operation a
// partner's integration uses (account-scope operations, such as creating apps and app keys, are left out).
import { env } from "@/lib/env";
import { InvalidInputError } from "@/lib/errors";
import { authorizerFor, type JwtLifetime, type SuncoCredentials } from "./auth";
import { apiBaseUrl, type SuncoRegion } from "./base-url";
import { appApi, attachmentsApi, oauthAccessApi } from "./resources/app";
import {
  activitiesApi,
  conversationsApi,
  participantsApi,
  switchboardActionsApi,
} from "./resources/conversations";
import { integrationKeysApi, integrationsApi, webhooksApi } from "./resources/integrations";
import { invoker } from "./resources/invoke";
import { messagesApi } from "./resources/messages";
import { switchboardIntegrationsApi, switchboardsApi } from "./resources/switchboards";
import { clientsApi, devicesApi, usersApi } from "./resources/users";
import { resolveCallSettings, type CallSettings } from "./settings";
import { createTransport } from "./transport";

export interface SuncoClientConfig extends CallSettings {
  /** The tenant's SunCo app id. */
  appId: string;
  credentials: SuncoCredentials;
  /** Where the tenant's API lives; not needed when the base URL is overridden (the sandbox). */
  region?: SuncoRegion;
  /** Overrides every region; default SUNCO_API_BASE_URL (set to the sandbox in development). */
  apiBaseUrl?: string | null;
  jwtLifetime?: JwtLifetime;
}

export type SuncoClient = ReturnType<typeof createSuncoClient>;

export function createSuncoClient(config: SuncoClientConfig) {
  if (!config.appId) throw new InvalidInputError("The SunCo app id is missing.", { appId: ["is required"] });
  const override = config.apiBaseUrl === undefined ? env().sunco.apiBaseUrl : config.apiBaseUrl;
  if (!config.region && !override) {
    throw new InvalidInputError("The tenant's SunCo region is missing.", {
      region: ["is required: a Zendesk subdomain, or us or eu for legacy accounts"],
    });
  }
  const transport = createTransport({
    ...resolveCallSettings(config),
    baseUrl: apiBaseUrl(config.region ?? "us", override),
    authorize: authorizerFor(config.credentials, { jwtLifetime: config.jwtLifetime }),
  });
  const invoke = invoker(transport, config.appId);

  return {
    appId: config.appId,
    app: appApi(invoke),
    users: usersApi(invoke),
    clients: clientsApi(invoke),
    devices: devicesApi(invoke),
    conversations: conversationsApi(invoke),
    participants: participantsApi(invoke),
    messages: messagesApi(invoke),
    activities: activitiesApi(invoke),
    switchboardActions: switchboardActionsApi(invoke),
    attachments: attachmentsApi(invoke),
    webhooks: webhooksApi(invoke),
    integrations: integrationsApi(invoke),
    integrationKeys: integrationKeysApi(invoke),
    switchboards: switchboardsApi(invoke),
    switchboardIntegrations: switchboardIntegrationsApi(invoke),
    oauth: oauthAccessApi(invoke),
  };
}
