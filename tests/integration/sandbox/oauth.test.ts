import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { basicAuth, startSandbox, type StartedSandbox } from "@/tests/support/sandbox-server";
import { exchangeCode, oauthToken, submitConsent } from "@/tests/support/sandbox-oauth";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/webhook-receiver";

let sandbox: StartedSandbox;
let partner: WebhookReceiver;
let acme: StartedSandbox["fixtures"]["apps"][number];

beforeAll(async () => {
  partner = await startWebhookReceiver();
  sandbox = await startSandbox({ appUrl: partner.url });
  acme = sandbox.fixtures.apps[0]!;
});
afterAll(async () => {
  await sandbox.stop();
  await partner.stop();
});
beforeEach(() => sandbox.control.reset());

const client = () => sandbox.fixtures.oauthClients[0]!;
const authorizeUrl = (params: Record<string, string>) => `${sandbox.url}/oauth/authorize?${new URLSearchParams(params)}`;

describe("the OAuth bridge", () => {
  it("registers the partner's client with redirect URI and removeUrl derived from the app URL", () => {
    expect(client()).toEqual({
      clientId: "sunbridge-sandbox",
      clientSecret: "sandbox-client-secret-not-for-production",
      redirectUris: [`${partner.url}/api/oauth/sunco/callback`],
      removeUrl: `${partner.url}/api/oauth/sunco/removed`,
    });
  });

  it("shows a consent form that works without JavaScript, listing the apps to choose from", async () => {
    const response = await fetch(authorizeUrl({ client_id: client().clientId, response_type: "code", state: "s1" }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<form method="post" action="${sandbox.url}/oauth/authorize">`);
    expect(html).toContain('<button type="submit" name="decision" value="allow">Allow</button>');
    expect(html).toContain('<button type="submit" name="decision" value="deny">Deny</button>');
    expect(html).toContain(`value="${client().redirectUris[0]}"`);
    expect(html).toContain('<input type="hidden" name="state" value="s1">');
    for (const app of sandbox.fixtures.apps) expect(html).toContain(`value="${app.id}"`);
  });

  it("allow: redirects to the registered URI with a code and the unchanged state; the code buys an integration token", async () => {
    const state = "opaque/state with spaces&symbols";
    const redirect = await submitConsent(sandbox, { appId: acme.id, state });
    expect(`${redirect.origin}${redirect.pathname}`).toBe(client().redirectUris[0]);
    expect(redirect.searchParams.get("state")).toBe(state);
    const code = redirect.searchParams.get("code")!;
    expect(code).toBeTruthy();

    const response = await exchangeCode(sandbox, code);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ access_token: expect.any(String), token_type: "Bearer" });

    const header = decodeProtectedHeader(body.access_token);
    expect(header).toMatchObject({ alg: "HS256", typ: "JWT", azp: client().clientId });
    expect(header.kid).toMatch(/^app_[0-9a-f]{24}$/);
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({ scope: "integration", appId: acme.id });
    expect(claims.exp).toBeUndefined();

    const info = await fetch(`${sandbox.url}/v2/tokenInfo`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(info.status).toBe(200);
    expect(await info.json()).toEqual({
      app: { id: acme.id, displayName: acme.displayName, subdomain: acme.subdomain, settings: expect.any(Object) },
    });
  });

  it("uses the first registered redirect URI when the request names none", async () => {
    const response = await fetch(authorizeUrl({ client_id: client().clientId, response_type: "code" }));
    expect(await response.text()).toContain(`name="redirect_uri" value="${client().redirectUris[0]}"`);
  });

  it("accepts a form-encoded token request as well as JSON", async () => {
    const redirect = await submitConsent(sandbox, { appId: acme.id });
    const response = await fetch(`${sandbox.url}/oauth/token`, {
      method: "POST",
      body: new URLSearchParams({
        code: redirect.searchParams.get("code")!,
        grant_type: "authorization_code",
        client_id: client().clientId,
        client_secret: client().clientSecret,
      }),
    });
    expect(response.status).toBe(200);
  });

  it("deny: redirects with error=access_denied and the state, and no code", async () => {
    const redirect = await submitConsent(sandbox, { appId: acme.id, decision: "deny", state: "abc" });
    expect(Object.fromEntries(redirect.searchParams)).toEqual({ error: "access_denied", state: "abc" });
  });

  it("refuses response types other than code through the redirect", async () => {
    const params = { client_id: client().clientId, response_type: "token", state: "z" };
    const shown = await fetch(authorizeUrl(params), { redirect: "manual" });
    const submitted = await fetch(`${sandbox.url}/oauth/authorize`, {
      method: "POST",
      body: new URLSearchParams({ ...params, app_id: acme.id, decision: "allow" }),
      redirect: "manual",
    });
    for (const response of [shown, submitted]) {
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get("location")!);
      expect(Object.fromEntries(location.searchParams)).toEqual({ error: "unsupported_response_type", state: "z" });
    }
  });

  it.each([
    ["an unknown client", { client_id: "someone-else", response_type: "code" }],
    ["an unregistered redirect URI", { client_id: "sunbridge-sandbox", response_type: "code", redirect_uri: "https://evil.example/cb" }],
    ["no client at all", { response_type: "code" }],
  ])("shows an error page for %s, never redirecting", async (_case, params) => {
    for (const method of ["GET", "POST"] as const) {
      const response =
        method === "GET"
          ? await fetch(authorizeUrl(params), { redirect: "manual" })
          : await fetch(`${sandbox.url}/oauth/authorize`, {
              method,
              body: new URLSearchParams({ ...params, app_id: acme.id, decision: "allow" }),
              redirect: "manual",
            });
      expect(response.status).toBe(400);
      expect(response.headers.get("location")).toBeNull();
      expect(await response.text()).toContain('role="alert"');
    }
  });

  it("codes are single use", async () => {
    const code = (await submitConsent(sandbox, { appId: acme.id })).searchParams.get("code")!;
    expect((await exchangeCode(sandbox, code)).status).toBe(200);
    const again = await exchangeCode(sandbox, code);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ errors: [{ code: "invalid_grant", title: "The authorization code was already used" }] });
  });

  it("codes expire after 10 minutes", async () => {
    const code = (await submitConsent(sandbox, { appId: acme.id })).searchParams.get("code")!;
    await sandbox.control.advanceClock(10 * 60 * 1000);
    const response = await exchangeCode(sandbox, code);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ code: "invalid_grant", title: "The authorization code expired" }] });
  });

  it("a wrong client secret gets 401 in SunCo's error shape, and leaves the code usable", async () => {
    const code = (await submitConsent(sandbox, { appId: acme.id })).searchParams.get("code")!;
    const response = await exchangeCode(sandbox, code, "not-the-secret");
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: [{ code: "unauthorized", title: "Invalid client credentials" }] });
    expect((await exchangeCode(sandbox, code)).status).toBe(200);
  });

  it("names every missing field of a token request", async () => {
    const response = await fetch(`${sandbox.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "authorization_code" }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { title: string }) => e.title)).toEqual([
      "code is required",
      "client_id is required",
      "client_secret is required",
    ]);
  });

  it("revoke: the token stops working, the integration's webhooks are deleted, and the client's removeUrl is called", async () => {
    const token = await oauthToken(sandbox, acme.id);
    const bearer = { authorization: `Bearer ${token}` };
    expect(await sandbox.control.authorizations(acme.id)).toHaveLength(1);
    const webhook = await fetch(`${sandbox.url}/v2/apps/${acme.id}/integrations/me/webhooks`, {
      method: "POST",
      headers: { ...bearer, "content-type": "application/json" },
      body: JSON.stringify({ target: `${partner.url}/api/webhooks/sunco/connection-1`, triggers: ["conversation:message"] }),
    });
    expect(webhook.status).toBe(201);
    expect(await sandbox.control.webhooks(acme.id)).toHaveLength(1);

    const revoked = await fetch(`${sandbox.url}/oauth/authorization`, { method: "DELETE", headers: bearer });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({});

    const info = await fetch(`${sandbox.url}/v2/tokenInfo`, { headers: bearer });
    expect(info.status).toBe(401);
    expect(await sandbox.control.authorizations(acme.id)).toEqual([]);
    expect(await sandbox.control.webhooks(acme.id)).toEqual([]);
    const isNotice = (r: { method: string; path: string }) => r.method === "POST" && r.path === "/api/oauth/sunco/removed";
    await partner.waitFor((received) => received.some(isNotice));
    expect(partner.received.find(isNotice)).toMatchObject({ method: "POST", body: { appId: acme.id, clientId: client().clientId } });
  });

  it("the tenant removing the integration has the same effect as a revoke", async () => {
    const token = await oauthToken(sandbox, acme.id);
    await sandbox.control.removeAuthorization(acme.id, client().clientId);
    const info = await fetch(`${sandbox.url}/v2/tokenInfo`, { headers: { authorization: `Bearer ${token}` } });
    expect(info.status).toBe(401);
  });

  it("app keys cannot revoke: only OAuth tokens can", async () => {
    const key = acme.appKeys[0]!;
    const response = await fetch(`${sandbox.url}/oauth/authorization`, {
      method: "DELETE",
      headers: { authorization: basicAuth(key) },
    });
    expect(response.status).toBe(403);
  });
});
