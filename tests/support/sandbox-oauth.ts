// Drives the sandbox's OAuth consent form the way a browser without JavaScript would, for tests that need a code
// or an OAuth access token.
import type { StartedSandbox } from "./sandbox-server";

export interface ConsentOptions {
  appId: string;
  decision?: "allow" | "deny";
  state?: string;
  redirectUri?: string;
  clientId?: string;
}

/** Submits the consent form and returns where the bridge redirects the browser. */
export async function submitConsent(sandbox: StartedSandbox, options: ConsentOptions): Promise<URL> {
  const client = sandbox.fixtures.oauthClients[0]!;
  const form = new URLSearchParams({
    client_id: options.clientId ?? client.clientId,
    response_type: "code",
    redirect_uri: options.redirectUri ?? client.redirectUris[0]!,
    app_id: options.appId,
    decision: options.decision ?? "allow",
    ...(options.state !== undefined ? { state: options.state } : {}),
  });
  const response = await fetch(`${sandbox.url}/oauth/authorize`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  if (response.status !== 302) throw new Error(`Consent answered ${response.status}: ${await response.text()}`);
  return new URL(response.headers.get("location")!);
}

export async function exchangeCode(sandbox: StartedSandbox, code: string, secret?: string): Promise<Response> {
  const client = sandbox.fixtures.oauthClients[0]!;
  return fetch(`${sandbox.url}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      code,
      grant_type: "authorization_code",
      client_id: client.clientId,
      client_secret: secret ?? client.clientSecret,
    }),
  });
}

/** The whole flow: consent on `appId`, then the code exchange. Returns the access token. */
export async function oauthToken(sandbox: StartedSandbox, appId: string): Promise<string> {
  const redirect = await submitConsent(sandbox, { appId });
  const response = await exchangeCode(sandbox, redirect.searchParams.get("code")!);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}
