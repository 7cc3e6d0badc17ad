// Authentication (Basic with a key, JWTs signed with a key's secret, OAuth tokens) and the scope each operation
// allows: an OAuth token reaches users, conversations, attachments and its own webhooks, not apps, integrations,
// keys or switchboards.
import { SignJWT, UnsecuredJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { oauthToken } from "@/tests/support/sandbox-oauth";
import { basicAuth, WEBHOOK_PATH, withSandbox } from "@/tests/support/sandbox-server";
import { expectSpecResponse } from "@/tests/support/sunco-official-client";

const env = withSandbox();
let appId: string;
let otherAppId: string;
let appKey: { id: string; secret: string };
let accountKey: { id: string; secret: string };
let bearer: string;

beforeAll(async () => {
  const [acme, globex] = env.sandbox.fixtures.apps;
  appId = acme!.id;
  otherAppId = globex!.id;
  appKey = acme!.appKeys[0]!;
  accountKey = env.sandbox.fixtures.accounts[0]!.accountKeys[0]!;
  bearer = `Bearer ${await oauthToken(env.sandbox, appId)}`;
});

async function request(authorization: string | null, method: string, path: string, body?: unknown) {
  const response = await fetch(`${env.sandbox.url}${path}`, {
    method,
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const jwt = (key: { id: string; secret: string }, claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: key.id, ...header })
    .sign(new TextEncoder().encode(key.secret));

describe("authentication", () => {
  it("no credentials: 401 unauthorized", async () => {
    const { status, body } = await request(null, "GET", `/v2/apps/${appId}`);
    expect(status).toBe(401);
    expect(body).toEqual({ errors: [{ code: "unauthorized", title: "Authorization is required" }] });
  });

  it("Basic with a wrong secret: 401", async () => {
    const { status } = await request(basicAuth({ id: appKey.id, secret: "wrong" }), "GET", `/v2/apps/${appId}`);
    expect(status).toBe(401);
  });

  it("a JWT signed with the app key's secret, its id as kid and scope app, works", async () => {
    const token = await jwt(appKey, { scope: "app" });
    const { status, body } = await request(`Bearer ${token}`, "GET", `/v2/apps/${appId}`);
    expect(status).toBe(200);
    expectSpecResponse("GetApp", status, body);
  });

  it("an account JWT lists the account's apps", async () => {
    const token = await jwt(accountKey, { scope: "account" });
    const { status, body } = await request(`Bearer ${token}`, "GET", "/v2/apps");
    expect(status).toBe(200);
    expect(body.apps.map((a: { id: string }) => a.id)).toEqual([appId]);
  });

  it.each([
    ["signed with another secret", () => jwt({ ...appKey, secret: "not-the-secret" }, { scope: "app" })],
    ["claiming a scope its key does not have", () => jwt(appKey, { scope: "account" })],
    ["without a kid", () => new SignJWT({ scope: "app" }).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(appKey.secret))],
    ["unsigned", async () => new UnsecuredJWT({ scope: "app" }).encode()],
    ["naming an unknown key", () => jwt({ id: "app_000000000000000000000000", secret: "x" }, { scope: "app" })],
  ])("a JWT %s: 401", async (_case, token) => {
    const { status, body } = await request(`Bearer ${await token()}`, "GET", `/v2/apps/${appId}`);
    expect(status).toBe(401);
    expect(body.errors[0].code).toBe("unauthorized");
  });

  it("an app key reaches only its own app", async () => {
    const { status } = await request(basicAuth(appKey), "GET", `/v2/apps/${otherAppId}`);
    expect(status).toBe(403);
  });
});

describe("scopes", () => {
  it.each([
    ["GET", "/v2/apps"],
    ["POST", "/v2/apps"],
    ["GET", "/v2/apps/{appId}"],
    ["PATCH", "/v2/apps/{appId}"],
    ["GET", "/v2/apps/{appId}/keys"],
    ["GET", "/v2/apps/{appId}/integrations"],
    ["POST", "/v2/apps/{appId}/integrations"],
    ["GET", "/v2/apps/{appId}/switchboards"],
    ["POST", "/v2/apps/{appId}/switchboards"],
  ])("an OAuth token gets 403 on %s %s", async (method, path) => {
    const { status, body } = await request(bearer, method, path.replace("{appId}", appId), method === "GET" ? undefined : {});
    expect(status).toBe(403);
    expect(body.errors[0].code).toBe("forbidden");
  });

  it("an OAuth token works with users, conversations, messages and its own webhooks (integrations/me)", async () => {
    const user = await request(bearer, "POST", `/v2/apps/${appId}/users`, { externalId: "oauth-user" });
    expect(user.status).toBe(201);
    const conversation = await request(bearer, "POST", `/v2/apps/${appId}/conversations`, {
      type: "personal",
      participants: [{ userExternalId: "oauth-user" }],
    });
    expect(conversation.status).toBe(201);
    const message = await request(bearer, "POST", `/v2/apps/${appId}/conversations/${conversation.body.conversation.id}/messages`, {
      author: { type: "business" },
      content: { type: "text", text: "From the partner" },
    });
    expect(message.status).toBe(201);

    const webhook = await request(bearer, "POST", `/v2/apps/${appId}/integrations/me/webhooks`, {
      target: `${env.receiver.url}${WEBHOOK_PATH}partner`,
      triggers: ["conversation:message"],
    });
    expect(webhook.status).toBe(201);
    expectSpecResponse("CreateWebhook", webhook.status, webhook.body);
    const listed = await request(bearer, "GET", `/v2/apps/${appId}/integrations/me/webhooks`);
    expect(listed.body.webhooks.map((w: { id: string }) => w.id)).toEqual([webhook.body.webhook.id]);
    const [integration] = await env.sandbox.control.authorizations(appId);
    const byId = await request(bearer, "GET", `/v2/apps/${appId}/integrations/${integration!.integrationId}/webhooks/${webhook.body.webhook.id}`);
    expect(byId.status).toBe(200);
  });

  it("an OAuth token cannot see another integration's webhooks", async () => {
    const custom = await request(basicAuth(appKey), "POST", `/v2/apps/${appId}/integrations`, {
      type: "custom",
      webhooks: [{ target: `${env.receiver.url}${WEBHOOK_PATH}custom`, triggers: ["conversation:message"] }],
    });
    const { status } = await request(bearer, "GET", `/v2/apps/${appId}/integrations/${custom.body.integration.id}/webhooks`);
    expect(status).toBe(403);
  });

  it("`me` means nothing to an app key", async () => {
    const { status, body } = await request(basicAuth(appKey), "GET", `/v2/apps/${appId}/integrations/me/webhooks`);
    expect(status).toBe(404);
    expect(body.errors[0].code).toBe("integration_not_found");
  });

  it("an app key gets 403 on account operations", async () => {
    for (const [method, path] of [
      ["GET", "/v2/apps"],
      ["DELETE", `/v2/apps/${appId}`],
      ["GET", `/v2/apps/${appId}/keys`],
    ] as const) {
      expect((await request(basicAuth(appKey), method, path)).status).toBe(403);
    }
  });

  it("an account key gets 403 on webhooks, which only integration and app scopes reach", async () => {
    const web = env.sandbox.fixtures.apps[0]!.integrations[0]!.id;
    const { status } = await request(basicAuth(accountKey), "GET", `/v2/apps/${appId}/integrations/${web}/webhooks`);
    expect(status).toBe(403);
  });

  it("a custom integration's key has integration scope: users yes, apps no, its own webhooks through me", async () => {
    const custom = await request(basicAuth(appKey), "POST", `/v2/apps/${appId}/integrations`, {
      type: "custom",
      webhooks: [{ target: `${env.receiver.url}${WEBHOOK_PATH}int-key`, triggers: ["conversation:message"] }],
    });
    const key = await request(basicAuth(appKey), "POST", `/v2/apps/${appId}/integrations/${custom.body.integration.id}/keys`, {
      displayName: "bot",
    });
    const integrationKey = basicAuth(key.body.key);
    expect((await request(integrationKey, "POST", `/v2/apps/${appId}/users`, {})).status).toBe(201);
    expect((await request(integrationKey, "GET", `/v2/apps/${appId}`)).status).toBe(403);
    const own = await request(integrationKey, "GET", `/v2/apps/${appId}/integrations/me/webhooks`);
    expect(own.body.webhooks).toHaveLength(1);
  });
});
