// Who is calling: Basic with an API key, a JWT signed with a key's secret (`kid` header, `scope` claim), or an
// OAuth access token; and whether that caller may use an operation on an app.
import { timingSafeEqual } from "node:crypto";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { appNotFound, forbidden, unauthorized } from "./errors";
import type { ApiKeyRecord, AppRecord, KeyScope, SandboxState } from "./state";

export type Principal =
  | { scope: "account"; keyId: string; accountId: string }
  | { scope: "app"; keyId: string; accountId: string; appId: string }
  | {
      scope: "integration";
      keyId: string;
      appId: string;
      integrationId: string;
      /** Set when the caller is an OAuth access token rather than a custom integration's key. */
      oauthClientId?: string;
    };

export async function authenticate(state: SandboxState, authorization: string | null): Promise<Principal> {
  if (!authorization) throw unauthorized();
  const [scheme, credentials = ""] = authorization.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === "basic") return basic(state, credentials);
  if (scheme?.toLowerCase() === "bearer") return bearer(state, credentials);
  throw unauthorized("Unsupported authorization scheme: use Basic or Bearer");
}

function basic(state: SandboxState, credentials: string): Principal {
  const decoded = Buffer.from(credentials, "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator < 0) throw unauthorized("Invalid credentials");
  const key = state.keys.get(decoded.slice(0, separator));
  if (!key || !sameSecret(key.secret, decoded.slice(separator + 1))) throw unauthorized("Invalid credentials");
  return principalOf(key);
}

async function bearer(state: SandboxState, token: string): Promise<Principal> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw unauthorized("Invalid JWT");
  }
  if (!kid) throw unauthorized("The JWT header must contain the key id (kid)");
  const grant = state.oauthGrants.find((g) => g.keyId === kid);
  const key = state.keys.get(kid);
  const secret = grant?.secret ?? key?.secret;
  if (!secret) throw unauthorized("Invalid credentials");

  let scope: unknown;
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ["HS256"] });
    scope = payload.scope;
  } catch {
    throw unauthorized("Invalid JWT signature");
  }
  if (grant) {
    if (scope !== "integration") throw unauthorized("Invalid JWT scope");
    return {
      scope: "integration",
      keyId: grant.keyId,
      appId: grant.appId,
      integrationId: grant.integrationId,
      oauthClientId: grant.clientId,
    };
  }
  // An account key signs `account` JWTs, an app key `app` ones; anything else is refused as the real API does.
  if (scope !== key!.scope) throw unauthorized(`A ${key!.scope} key cannot sign a JWT with scope ${String(scope)}`);
  return principalOf(key!);
}

function principalOf(key: ApiKeyRecord): Principal {
  if (key.scope === "account") return { scope: "account", keyId: key.id, accountId: key.accountId };
  if (key.scope === "app") return { scope: "app", keyId: key.id, accountId: key.accountId, appId: key.appId! };
  return { scope: "integration", keyId: key.id, appId: key.appId!, integrationId: key.integrationId! };
}

/** Compares secrets in constant time. */
export function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Refuses a caller whose scope the operation does not list (an OAuth token on /v2/apps, say). */
export function requireScope(principal: Principal, allowed: readonly KeyScope[]): void {
  if (!allowed.includes(principal.scope)) {
    throw forbidden(`This operation is not available with ${principal.scope} scope`);
  }
}

/**
 * The app an operation addresses, if the caller may reach it: an account key reaches its account's apps (others
 * look missing), app and integration credentials only their own app.
 */
export function requireApp(state: SandboxState, principal: Principal, appId: string): AppRecord {
  const app = state.apps.get(appId);
  if (principal.scope === "account") {
    if (!app || app.accountId !== principal.accountId) throw appNotFound();
    return app;
  }
  if (principal.appId !== appId) throw forbidden("These credentials are for another app");
  if (!app) throw appNotFound();
  return app;
}
