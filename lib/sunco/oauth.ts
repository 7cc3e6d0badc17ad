// SunCo's OAuth bridge, as a partner's integration uses it to connect a tenant: the consent URL, the code exchange
// and token info. Tokens never expire and cannot be refreshed; a 401 or tokenInfo tells when one stops working.
import { env } from "@/lib/env";
import { InvalidInputError } from "@/lib/errors";
import { authorizerFor } from "./auth";
import { trimSlash } from "./base-url";
import { operationCall } from "./operation-call";
import type { AppWithSubdomain } from "./schemas";
import { resolveCallSettings, type CallSettings } from "./settings";
import { createTransport, queryString, type CallOptions } from "./transport";

export interface OAuthSettings extends CallSettings {
  /** Where /oauth/* and /v2/tokenInfo live; default SUNCO_OAUTH_BASE_URL (oauth-bridge.zendesk.com or the sandbox). */
  oauthBaseUrl?: string;
  /** The partner's registered OAuth client; default SUNCO_OAUTH_CLIENT_ID and _SECRET (or the sandbox's). */
  client?: { clientId: string; clientSecret: string };
}

function bridgeBase(settings: OAuthSettings): string {
  return trimSlash(settings.oauthBaseUrl ?? env().sunco.oauthBaseUrl);
}

function oauthClient(settings: OAuthSettings) {
  const client = settings.client ?? env().sunco.oauthClient;
  if (!client) {
    throw new InvalidInputError("SunCo OAuth is not configured: set SUNCO_OAUTH_CLIENT_ID and SUNCO_OAUTH_CLIENT_SECRET.");
  }
  return client;
}

/** Where to send the browser to ask a Zendesk admin for consent; SunCo redirects back with `code` and `state`. */
export function authorizeUrl(
  { state, redirectUri }: { state: string; redirectUri?: string },
  settings: OAuthSettings = {},
): string {
  const query = queryString({
    response_type: "code",
    client_id: oauthClient(settings).clientId,
    state,
    redirect_uri: redirectUri,
  });
  return `${bridgeBase(settings)}/oauth/authorize${query}`;
}

/** Trades the one-time code from the consent redirect for the tenant's access token. */
export async function exchangeAuthorizationCode(
  code: string,
  settings: OAuthSettings = {},
  options?: CallOptions,
): Promise<{ accessToken: string }> {
  if (code.trim() === "") throw new InvalidInputError("The authorization code is missing.", { code: ["is required"] });
  const { clientId, clientSecret } = oauthClient(settings);
  const transport = createTransport({ ...resolveCallSettings(settings), baseUrl: bridgeBase(settings), authorize: null });
  const response = await transport.call(
    operationCall("GetToken", {
      body: { code, grant_type: "authorization_code", client_id: clientId, client_secret: clientSecret },
      options,
    }),
  );
  return { accessToken: response.access_token };
}

/** The app an access token belongs to, with the subdomain its API lives under; fails with kind "auth" once revoked. */
export async function getTokenInfo(
  accessToken: string,
  settings: OAuthSettings = {},
  options?: CallOptions,
): Promise<AppWithSubdomain> {
  const transport = createTransport({
    ...resolveCallSettings(settings),
    baseUrl: bridgeBase(settings),
    authorize: authorizerFor({ type: "oauth", accessToken }),
  });
  const response = await transport.call(operationCall("GetTokenInfo", { options }));
  return response.app;
}
