// The OAuth bridge behind Zendesk's marketplace flow: a tenant allows the partner's client on one app, the client
// trades the single-use code for a long-lived integration-scope token, and revoking it (or the tenant removing
// the integration) deletes the integration's webhooks and notifies the client's removeUrl.
import { SignJWT } from "jose";
import { sameSecret } from "./auth";
import type { SandboxContext } from "./context";
import { badRequest, SuncoApiError, unauthorized } from "./errors";
import { apiKeyId, apiKeySecret, authorizationCode, objectId } from "./ids";
import type { AppRecord, IntegrationRecord, OAuthClientRecord } from "./state";

export const CODE_LIFETIME_MS = 10 * 60 * 1000;

export class AuthorizationRequestError extends Error {}

export interface AuthorizationRequest {
  client: OAuthClientRecord;
  redirectUri: string;
  responseType: string | null;
  state: string | null;
}

/**
 * Checks `client_id` and `redirect_uri` (registered, or the first registered one when absent). Problems with
 * either are shown to the person, never sent to a redirect URI that might not be the client's.
 */
export function authorizationRequest(ctx: SandboxContext, params: URLSearchParams): AuthorizationRequest {
  const clientId = params.get("client_id");
  if (!clientId) throw new AuthorizationRequestError("The request has no client_id.");
  const client = ctx.state.oauthClients.get(clientId);
  if (!client) throw new AuthorizationRequestError(`No OAuth client is registered with the id "${clientId}".`);
  const redirectUri = params.get("redirect_uri") || client.redirectUris[0];
  if (!redirectUri || !client.redirectUris.includes(redirectUri)) {
    throw new AuthorizationRequestError(`"${params.get("redirect_uri")}" is not a redirect URI registered for ${client.displayName}.`);
  }
  return { client, redirectUri, responseType: params.get("response_type"), state: params.get("state") };
}

/** Where the browser goes next: the redirect URI with a code, or with an error, and the unchanged state. */
export function decide(ctx: SandboxContext, request: AuthorizationRequest, decision: { allow: boolean; appId?: string }): string {
  const target = new URL(request.redirectUri);
  if (request.state !== null) target.searchParams.set("state", request.state);
  if (request.responseType !== "code") {
    target.searchParams.set("error", "unsupported_response_type");
    return target.toString();
  }
  if (!decision.allow) {
    target.searchParams.set("error", "access_denied");
    return target.toString();
  }
  const app = ctx.state.apps.get(decision.appId);
  if (!app) throw new AuthorizationRequestError("Pick one of the listed apps.");
  const code = ctx.state.authorizationCodes.insert({
    id: authorizationCode(),
    clientId: request.client.clientId,
    appId: app.id,
    redirectUri: request.redirectUri,
    expiresAt: ctx.clock.now() + CODE_LIFETIME_MS,
    used: false,
  });
  ctx.changed();
  target.searchParams.set("code", code.id);
  return target.toString();
}

const invalidGrant = (title: string) => new SuncoApiError(400, "invalid_grant", title);

export async function exchangeCode(
  ctx: SandboxContext,
  input: { code?: unknown; grant_type?: unknown; client_id?: unknown; client_secret?: unknown },
): Promise<{ access_token: string; token_type: "Bearer" }> {
  const missing = (["code", "grant_type", "client_id", "client_secret"] as const).filter((k) => typeof input[k] !== "string" || !input[k]);
  if (missing.length > 0) {
    const [first, ...rest] = missing.map((field) => ({ code: "bad_request", title: `${field} is required` }));
    throw badRequest(first!.title, rest);
  }
  if (input.grant_type !== "authorization_code") throw badRequest("grant_type must be authorization_code");
  const client = ctx.state.oauthClients.get(input.client_id as string);
  if (!client || !sameSecret(client.clientSecret, input.client_secret as string)) {
    throw unauthorized("Invalid client credentials");
  }
  const code = ctx.state.authorizationCodes.get(input.code as string);
  if (!code || code.clientId !== client.clientId) throw invalidGrant("Invalid authorization code");
  if (code.used) throw invalidGrant("The authorization code was already used");
  if (code.expiresAt <= ctx.clock.now()) throw invalidGrant("The authorization code expired");
  code.used = true;

  const app = ctx.state.apps.get(code.appId);
  if (!app) throw invalidGrant("The app this code was issued for no longer exists");
  const integration = oauthIntegration(ctx, app, client);
  const grant = ctx.state.oauthGrants.insert({
    id: objectId(),
    keyId: apiKeyId("app"),
    secret: apiKeySecret(),
    clientId: client.clientId,
    appId: app.id,
    integrationId: integration.id,
    createdAt: ctx.clock.timestamp(),
  });
  ctx.changed();
  // Shaped like SunCo's: HS256, the key id and client in the header, integration scope, no expiry.
  const token = await new SignJWT({ scope: "integration", appId: app.id })
    .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: grant.keyId, azp: client.clientId })
    .setIssuedAt(Math.floor(ctx.clock.now() / 1000))
    .sign(new TextEncoder().encode(grant.secret));
  return { access_token: token, token_type: "Bearer" };
}

/** The integration a client holds on an app: created on the first grant, shared by later ones. */
function oauthIntegration(ctx: SandboxContext, app: AppRecord, client: OAuthClientRecord): IntegrationRecord {
  const existing = ctx.state.integrations.find((i) => i.appId === app.id && i.oauthClientId === client.clientId);
  return (
    existing ??
    ctx.state.integrations.insert({
      id: objectId(),
      appId: app.id,
      type: client.clientId,
      status: "active",
      displayName: client.displayName,
      settings: {},
      oauthClientId: client.clientId,
    })
  );
}

/**
 * Ends a client's access to an app, as when the tenant removes the integration: every token stops working, the
 * integration and its webhooks are deleted, and the client's removeUrl is told.
 */
export function removeAuthorization(ctx: SandboxContext, appId: string, clientId: string): boolean {
  const { state } = ctx;
  const integration = state.integrations.find((i) => i.appId === appId && i.oauthClientId === clientId);
  if (!integration) return false;
  state.oauthGrants.deleteWhere((g) => g.integrationId === integration.id);
  state.webhooks.deleteWhere((w) => w.integrationId === integration.id);
  state.integrations.delete(integration.id);
  const client = state.oauthClients.get(clientId);
  if (client?.removeUrl) {
    ctx.deliveries.notifyRemoval(appId, client.removeUrl, { appId, integrationId: integration.id, clientId });
  }
  ctx.changed();
  return true;
}
