// The sandbox serves every one of the spec's 68 operations (and nothing answers for a path SunCo doesn't have),
// the control endpoints restore the fixtures, and requests beyond SunCo's size limits are refused.
import { beforeEach, describe, expect, it } from "vitest";
import { SUNCO_OPERATIONS } from "@/lib/sunco/schemas";
import { basicAuth, withSandbox } from "@/tests/support/sandbox-server";

const env = withSandbox();
beforeEach(() => env.sandbox.control.reset());

const OBJECT_ID = "5f1a00000000000000000001";

describe("the operations the sandbox serves", () => {
  it("answers all 68 operations of the spec, each asking for credentials or parameters rather than not existing", async () => {
    const operations = Object.entries(SUNCO_OPERATIONS);
    expect(operations).toHaveLength(68);
    for (const [operationId, operation] of operations) {
      const path = operation.path.replace(/\{[^}]+\}/g, OBJECT_ID);
      const response = await fetch(`${env.sandbox.url}${path}`, { method: operation.method, redirect: "manual" });
      const expected = operation.scopes.length > 0 || operationId === "GetTokenInfo" ? 401 : 400;
      expect(response.status, `${operationId} ${operation.method} ${path}`).toBe(expected);
    }
  });

  it("anything else is a 404 in SunCo's error shape", async () => {
    const response = await fetch(`${env.sandbox.url}/v2/apps/${OBJECT_ID}/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ code: "not_found", title: "Resource not found" }] });
  });
});

describe("control", () => {
  it("fixtures have the documented shape: apps with subdomain and keys, and the partner's OAuth client", async () => {
    const fixtures = await env.sandbox.control.fixtures();
    expect(fixtures.apps).toHaveLength(2);
    for (const app of fixtures.apps) {
      expect(app).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        displayName: expect.any(String),
        subdomain: expect.stringMatching(/^[a-z]+$/),
        appKeys: [{ id: expect.stringMatching(/^app_[0-9a-f]{24}$/), secret: expect.any(String) }],
      });
    }
    expect(fixtures.oauthClients).toEqual([
      {
        clientId: "sunbridge-sandbox",
        clientSecret: "sandbox-client-secret-not-for-production",
        redirectUris: [`${env.receiver.url}/api/oauth/sunco/callback`],
        removeUrl: `${env.receiver.url}/api/oauth/sunco/removed`,
      },
    ]);
  });

  it("reset restores exactly the fixtures", async () => {
    const { apps, accounts } = env.sandbox.fixtures;
    const appKey = basicAuth(apps[0]!.appKeys[0]!);
    const accountKey = basicAuth(accounts[0]!.accountKeys[0]!);
    const before = await (await fetch(`${env.sandbox.url}/v2/apps/${apps[0]!.id}`, { headers: { authorization: appKey } })).json();
    await fetch(`${env.sandbox.url}/v2/apps/${apps[0]!.id}`, {
      method: "PATCH",
      headers: { authorization: appKey, "content-type": "application/json" },
      body: JSON.stringify({ displayName: "Changed" }),
    });
    await fetch(`${env.sandbox.url}/v2/apps/${apps[0]!.id}/keys/${apps[0]!.appKeys[0]!.id}`, { method: "DELETE", headers: { authorization: accountKey } });
    expect((await fetch(`${env.sandbox.url}/v2/apps/${apps[0]!.id}`, { headers: { authorization: appKey } })).status).toBe(401);

    await env.sandbox.control.reset();
    const after = await (await fetch(`${env.sandbox.url}/v2/apps/${apps[0]!.id}`, { headers: { authorization: appKey } })).json();
    expect(after).toEqual(before);
    expect(await env.sandbox.control.deliveries()).toEqual([]);
  });
});

describe("request limits", () => {
  it("refuses JSON bodies over 100kb with 413, and bodies that are not JSON with 400", async () => {
    const { apps } = env.sandbox.fixtures;
    const url = `${env.sandbox.url}/v2/apps/${apps[0]!.id}/users`;
    const headers = { authorization: basicAuth(apps[0]!.appKeys[0]!), "content-type": "application/json" };
    const big = await fetch(url, { method: "POST", headers, body: JSON.stringify({ profile: { givenName: "x".repeat(101 * 1024) } }) });
    expect(big.status).toBe(413);
    expect((await big.json()).errors[0].code).toBe("payload_too_large");
    const broken = await fetch(url, { method: "POST", headers, body: "{ nope" });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ errors: [{ code: "bad_request", title: "The request body is not valid JSON" }] });
    const form = await fetch(url, { method: "POST", headers: { authorization: headers.authorization }, body: new URLSearchParams({ a: "b" }) });
    expect(form.status).toBe(400);
  });
});
