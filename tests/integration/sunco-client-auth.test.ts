// Each way a connection can authenticate, against the standalone sandbox: an app key as Basic or as a JWT, an OAuth
// access token, and a custom integration's key as Basic; and what each may not do.
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OWN_INTEGRATION, type SuncoClient, type SuncoCredentials } from "@/lib/sunco";
import { oauthToken } from "@/tests/support/sandbox-oauth";
import { startSandbox, type StartedSandbox } from "@/tests/support/sandbox-server";
import { appKeyCredentials, sandboxClient, suncoFailure } from "@/tests/support/sunco-client";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/webhook-receiver";

let sandbox: StartedSandbox;
let partner: WebhookReceiver;

beforeAll(async () => {
  partner = await startWebhookReceiver();
  sandbox = await startSandbox({ appUrl: partner.url });
});
afterAll(async () => {
  await sandbox.stop();
  await partner.stop();
});
beforeEach(() => sandbox.control.reset());

const acme = () => sandbox.fixtures.apps[0]!;

/** What any integration-scope caller can do: users, conversations, messages. */
async function converse(client: SuncoClient) {
  const user = await client.users.create({ externalId: `u-${Math.random().toString(36).slice(2)}` });
  const conversation = await client.conversations.create({ type: "personal", participants: [{ userId: user.id }] });
  const [message] = await client.messages.send(conversation.id, {
    author: { type: "business" },
    content: { type: "text", text: "Hello" },
  });
  expect((await client.messages.list(conversation.id)).items.map((m) => m.id)).toEqual([message!.id]);
}

describe("an app key as HTTP Basic", () => {
  it("reaches the app's resources, its settings included", async () => {
    const client = sandboxClient(sandbox, appKeyCredentials(sandbox, "basic"));
    expect((await client.app.get()).id).toBe(acme().id);
    await converse(client);
  });

  it("fails with kind auth when the secret is wrong", async () => {
    const client = sandboxClient(sandbox, { ...appKeyCredentials(sandbox, "basic"), secret: "wrong" } as SuncoCredentials);
    expect(await suncoFailure(client.app.get())).toMatchObject({ kind: "auth", status: 401 });
  });
});

describe("an app key as a JWT", () => {
  it("signs app-scope JWTs SunCo accepts, reusing one across calls", async () => {
    const sent: string[] = [];
    const client = sandboxClient(sandbox, appKeyCredentials(sandbox, "jwt"), {
      fetch: (input, init) => {
        sent.push(new Headers(init?.headers).get("authorization")!);
        return fetch(input, init);
      },
    });
    expect((await client.app.get()).id).toBe(acme().id);
    await converse(client);
    expect(new Set(sent).size).toBe(1);
    const jwt = sent[0]!.replace("Bearer ", "");
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: "HS256", kid: acme().appKeys[0]!.id });
    expect(decodeJwt(jwt)).toMatchObject({ scope: "app" });
  });

  it("fails with kind auth when signed with the wrong secret", async () => {
    const client = sandboxClient(sandbox, { ...appKeyCredentials(sandbox, "jwt"), secret: "not-the-key-secret" } as SuncoCredentials);
    expect(await suncoFailure(client.app.get())).toMatchObject({ kind: "auth", status: 401 });
  });
});

describe("an OAuth access token", () => {
  it("reaches users, conversations and messages, and its own webhooks through integrations/me", async () => {
    const client = sandboxClient(sandbox, { type: "oauth", accessToken: await oauthToken(sandbox, acme().id) });
    await converse(client);
    const webhook = await client.webhooks.create(OWN_INTEGRATION, {
      target: `${partner.url}/sunco/webhooks`,
      triggers: ["conversation:message"],
    });
    expect((await client.webhooks.list(OWN_INTEGRATION)).map((w) => w.id)).toEqual([webhook.id]);
    expect((await client.webhooks.get(OWN_INTEGRATION, webhook.id)).target).toBe(`${partner.url}/sunco/webhooks`);
    await client.webhooks.update(OWN_INTEGRATION, webhook.id, { includeFullUser: true });
    await client.webhooks.delete(OWN_INTEGRATION, webhook.id);
    expect(await client.webhooks.list(OWN_INTEGRATION)).toEqual([]);
  });

  it("may not manage the app's integrations: a client error, not an auth failure", async () => {
    const client = sandboxClient(sandbox, { type: "oauth", accessToken: await oauthToken(sandbox, acme().id) });
    expect(await suncoFailure(client.integrations.list())).toMatchObject({ kind: "client", status: 403 });
  });

  it("fails with kind auth once the admin removes the integration", async () => {
    const client = sandboxClient(sandbox, { type: "oauth", accessToken: await oauthToken(sandbox, acme().id) });
    await sandbox.control.removeAuthorization(acme().id, sandbox.fixtures.oauthClients[0]!.clientId);
    expect(await suncoFailure(client.users.create({}))).toMatchObject({ kind: "auth", status: 401 });
  });
});

describe("a custom integration's key as HTTP Basic", () => {
  it("reaches users, conversations, messages and its integration's webhooks, not the app", async () => {
    const admin = sandboxClient(sandbox, appKeyCredentials(sandbox));
    const integration = await admin.integrations.create({
      type: "custom",
      webhooks: [{ target: `${partner.url}/custom`, triggers: ["conversation:message"] }],
    });
    const key = await admin.integrationKeys.create(integration.id, { displayName: "bot" });
    const client = sandboxClient(sandbox, { type: "basic", keyId: key.id, secret: key.secret });
    await converse(client);
    expect((await client.webhooks.list(integration.id)).map((w) => w.target)).toEqual([`${partner.url}/custom`]);
    expect(await suncoFailure(client.app.get())).toMatchObject({ kind: "client", status: 403 });
  });
});
