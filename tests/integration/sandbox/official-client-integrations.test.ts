// Apps, keys, integrations, webhooks and switchboards through the official sunshine-conversations-client, every
// answer checked against the spec.
import { beforeAll, describe, expect, it } from "vitest";
import { call, callFailing, officialClient, type OfficialApis } from "@/tests/support/sunco-official-client";
import { WEBHOOK_PATH, withSandbox } from "@/tests/support/sandbox-server";

const env = withSandbox();
let app: OfficialApis;
let account: OfficialApis;
let appId: string;
let target: (name: string) => string;

beforeAll(() => {
  const fixture = env.sandbox.fixtures.apps[0]!;
  appId = fixture.id;
  app = officialClient(env.sandbox.url, { basic: fixture.appKeys[0]! });
  account = officialClient(env.sandbox.url, { basic: env.sandbox.fixtures.accounts[0]!.accountKeys[0]! });
  target = (name) => `${env.receiver.url}${WEBHOOK_PATH}${name}`;
});

async function customIntegration(name: string) {
  const { body } = await call(app.IntegrationsApi, "createIntegration", "CreateIntegration", appId, {
    type: "custom",
    displayName: name,
    webhooks: [{ target: target(name), triggers: ["conversation:message"] }],
  });
  return body.integration;
}

describe("apps through the official client (account key)", () => {
  it("lists, creates, gets (with subdomain), updates and deletes apps", async () => {
    const listed = await call(account.AppsApi, "listApps", "ListApps", {});
    expect(listed.body.apps.map((a: { id: string }) => a.id)).toEqual([appId]);

    const created = await call(account.AppsApi, "createApp", "CreateApp", { displayName: "Acme EU", settings: { multiConvoEnabled: true } });
    expect(created.status).toBe(201);
    const newId = created.body.app.id;
    const got = await call(account.AppsApi, "getApp", "GetApp", newId);
    expect(got.body.app).toMatchObject({ displayName: "Acme EU", subdomain: "acme", settings: { multiConvoEnabled: true } });

    const updated = await call(account.AppsApi, "updateApp", "UpdateApp", newId, { displayName: "Acme Europe", metadata: { region: "eu" } });
    expect(updated.body.app).toMatchObject({ displayName: "Acme Europe", metadata: { region: "eu" } });
    const irreversible = await callFailing(account.AppsApi, "updateApp", "UpdateApp", newId, { settings: { multiConvoEnabled: false } });
    expect(irreversible.body.errors[0]!.title).toBe("multiConvoEnabled cannot be disabled once enabled");

    await call(account.AppsApi, "deleteApp", "DeleteApp", newId);
    const gone = await callFailing(account.AppsApi, "getApp", "GetApp", newId);
    expect(gone.body).toEqual({ errors: [{ code: "app_not_found", title: "App not found" }] });
  });

  it("another account's app looks missing", async () => {
    const error = await callFailing(account.AppsApi, "getApp", "GetApp", env.sandbox.fixtures.apps[1]!.id);
    expect(error.status).toBe(404);
  });

  it("creates, lists, gets and deletes app keys, whose secrets work", async () => {
    const created = await call(account.AppKeysApi, "createAppKey", "CreateAppKey", appId, { displayName: "CI key" });
    expect(created.body.key).toEqual({ id: expect.stringMatching(/^app_[0-9a-f]{24}$/), displayName: "CI key", secret: expect.any(String) });
    const { id, secret } = created.body.key;
    const listed = await call(account.AppKeysApi, "listAppKeys", "ListAppKeys", appId);
    expect(listed.body.keys.map((k: { id: string }) => k.id)).toContain(id);
    expect((await call(account.AppKeysApi, "getAppKey", "GetAppKey", appId, id)).body.key.secret).toBe(secret);

    const withKey = officialClient(env.sandbox.url, { basic: { id, secret } });
    expect((await call(withKey.AppsApi, "getApp", "GetApp", appId)).body.app.id).toBe(appId);
    await call(account.AppKeysApi, "deleteAppKey", "DeleteAppKey", appId, id);
    expect((await callFailing(withKey.AppsApi, "getApp", "GetApp", appId)).status).toBe(401);
    expect((await callFailing(account.AppKeysApi, "getAppKey", "GetAppKey", appId, id)).body.errors[0]!.code).toBe("not_found");
  });

  it("an app holds at most 10 keys", async () => {
    const existing = (await call(account.AppKeysApi, "listAppKeys", "ListAppKeys", appId)).body.keys.length;
    for (let i = existing; i < 10; i++) await call(account.AppKeysApi, "createAppKey", "CreateAppKey", appId, { displayName: `k${i}` });
    const error = await callFailing(account.AppKeysApi, "createAppKey", "CreateAppKey", appId, { displayName: "one too many" });
    expect(error.body.errors[0]!.title).toBe("An app can have at most 10 API keys");
  });
});

describe("integrations through the official client", () => {
  it("creates a channel integration without returning its secrets, lists by type, updates and deletes it", async () => {
    const created = await call(app.IntegrationsApi, "createIntegration", "CreateIntegration", appId, {
      type: "telegram",
      token: "123:secret-token",
      displayName: "Telegram bot",
    });
    expect(created.status).toBe(201);
    const integration = created.body.integration;
    expect(integration).toMatchObject({ type: "telegram", status: "active", displayName: "Telegram bot", showAIDisclaimer: true });
    expect(integration.token).toBeUndefined();

    const listed = await call(app.IntegrationsApi, "listIntegrations", "ListIntegrations", appId, { filter: { types: "telegram" } });
    expect(listed.body.integrations.map((i: { id: string }) => i.id)).toEqual([integration.id]);

    const updated = await call(app.IntegrationsApi, "updateIntegration", "UpdateIntegration", appId, integration.id, { displayName: "Support bot" });
    expect(updated.body.integration.displayName).toBe("Support bot");
    const notUpdatable = await callFailing(app.IntegrationsApi, "updateIntegration", "UpdateIntegration", appId, integration.id, { brandColor: "fff" });
    expect(notUpdatable.body.errors[0]!.title).toMatch(/^brandColor cannot be updated on a telegram integration/);

    await call(app.IntegrationsApi, "deleteIntegration", "DeleteIntegration", appId, integration.id);
    const gone = await callFailing(app.IntegrationsApi, "getIntegration", "GetIntegration", appId, integration.id);
    expect(gone.body).toEqual({ errors: [{ code: "integration_not_found", title: "Integration not found" }] });
  });

  it("refuses an unknown type, missing required settings, and deleting the Admin Center web integration", async () => {
    const unknown = await callFailing(app.IntegrationsApi, "createIntegration", "CreateIntegration", appId, { type: "fax" });
    expect(unknown.body).toEqual({ errors: [{ code: "bad_request", title: "Invalid integration type" }] });
    const missing = await callFailing(app.IntegrationsApi, "createIntegration", "CreateIntegration", appId, { type: "mailgun" });
    expect(missing.body.errors.map((e) => e.title)).toContain("domain is required");
    const web = env.sandbox.fixtures.apps[0]!.integrations[0]!.id;
    const adminCenter = await callFailing(app.IntegrationsApi, "deleteIntegration", "DeleteIntegration", appId, web);
    expect(adminCenter.body.errors[0]!.title).toBe("SDK integrations configured on Admin Center cannot be deleted");
  });

  it("a custom integration is created with exactly one webhook, returned inside it", async () => {
    const integration = await customIntegration("exactly-one");
    expect(integration.webhooks).toEqual([
      expect.objectContaining({ version: "v2", target: target("exactly-one"), triggers: ["conversation:message"], secret: expect.stringMatching(/^[0-9a-f]{32}$/) }),
    ]);
    const none = await callFailing(app.IntegrationsApi, "createIntegration", "CreateIntegration", appId, { type: "custom", webhooks: [] });
    expect(none.body.errors[0]!.title).toBe("webhooks must hold exactly 1 webhook");
  });

  it("custom integrations have API keys (10 at most); channel integrations have none", async () => {
    const integration = await customIntegration("keyed");
    const created = await call(app.CustomIntegrationApiKeysApi, "createCustomIntegrationKey", "CreateCustomIntegrationKey", appId, integration.id, {
      displayName: "bot key",
    });
    expect(created.body.key.id).toMatch(/^int_[0-9a-f]{24}$/);
    const keys = await call(app.CustomIntegrationApiKeysApi, "listCustomIntegrationKeys", "ListCustomIntegrationKeys", appId, integration.id);
    expect(keys.body.keys).toHaveLength(1);
    const got = await call(app.CustomIntegrationApiKeysApi, "getCustomIntegrationKey", "GetCustomIntegrationKey", appId, integration.id, created.body.key.id);
    expect(got.body.key).toEqual(created.body.key);
    for (let i = 1; i < 10; i++) {
      await call(app.CustomIntegrationApiKeysApi, "createCustomIntegrationKey", "CreateCustomIntegrationKey", appId, integration.id, { displayName: `k${i}` });
    }
    const full = await callFailing(app.CustomIntegrationApiKeysApi, "createCustomIntegrationKey", "CreateCustomIntegrationKey", appId, integration.id, {
      displayName: "k10",
    });
    expect(full.body.errors[0]!.title).toBe("An integration can have at most 10 API keys");
    await call(app.CustomIntegrationApiKeysApi, "deleteCustomIntegrationKey", "DeleteCustomIntegrationKey", appId, integration.id, created.body.key.id);

    const web = env.sandbox.fixtures.apps[0]!.integrations[0]!.id;
    const channel = await callFailing(app.CustomIntegrationApiKeysApi, "listCustomIntegrationKeys", "ListCustomIntegrationKeys", appId, web);
    expect(channel.body).toEqual({ errors: [{ code: "bad_request", title: "API keys are available only for custom integrations" }] });
  });
});

describe("webhooks through the official client", () => {
  it("creates, lists, gets, updates and deletes a webhook; the target must answer HEAD first", async () => {
    const integration = await customIntegration("crud");
    const created = await call(app.WebhooksApi, "createWebhook", "CreateWebhook", appId, integration.id, {
      target: target("second"),
      triggers: ["conversation:message", "conversation:read"],
      includeFullUser: true,
    });
    expect(created.status).toBe(201);
    const webhook = created.body.webhook;
    expect(webhook).toMatchObject({ version: "v2", includeFullUser: true, includeFullSource: false });
    expect(env.receiver.received.some((r) => r.method === "HEAD" && r.path === `${WEBHOOK_PATH}second`)).toBe(true);

    const listed = await call(app.WebhooksApi, "listWebhooks", "ListWebhooks", appId, integration.id);
    expect(listed.body.webhooks).toHaveLength(2);
    expect((await call(app.WebhooksApi, "getWebhook", "GetWebhook", appId, integration.id, webhook.id)).body.webhook).toEqual(webhook);
    const updated = await call(app.WebhooksApi, "updateWebhook", "UpdateWebhook", appId, integration.id, webhook.id, {
      triggers: ["conversation:typing"],
      includeFullSource: true,
    });
    expect(updated.body.webhook).toMatchObject({ triggers: ["conversation:typing"], includeFullSource: true, secret: webhook.secret });

    await call(app.WebhooksApi, "deleteWebhook", "DeleteWebhook", appId, integration.id, webhook.id);
    const gone = await callFailing(app.WebhooksApi, "getWebhook", "GetWebhook", appId, integration.id, webhook.id);
    expect(gone.body).toEqual({ errors: [{ code: "not_found", title: "Resource not found" }] });

    const unreachable = await callFailing(app.WebhooksApi, "createWebhook", "CreateWebhook", appId, integration.id, {
      target: "http://127.0.0.1:9/nowhere",
      triggers: ["conversation:message"],
    });
    expect(unreachable.body.errors[0]!.title).toMatch(/^The webhook target http:\/\/127\.0\.0\.1:9\/nowhere must answer a HEAD request with 2xx/);
    const badTrigger = await callFailing(app.WebhooksApi, "createWebhook", "CreateWebhook", appId, integration.id, {
      target: target("x"),
      triggers: ["conversation:Message"],
    });
    expect(badTrigger.status).toBe(400);
  });

  it("an app holds at most 10 webhooks", async () => {
    await env.sandbox.control.reset();
    const integration = await customIntegration("many");
    for (let i = 1; i < 10; i++) {
      await call(app.WebhooksApi, "createWebhook", "CreateWebhook", appId, integration.id, { target: target(`w${i}`), triggers: ["conversation:message"] });
    }
    const error = await callFailing(app.WebhooksApi, "createWebhook", "CreateWebhook", appId, integration.id, {
      target: target("w10"),
      triggers: ["conversation:message"],
    });
    expect(error.body.errors[0]!.title).toBe("An app is limited to 10 webhooks");
  });
});

describe("switchboards through the official client", () => {
  it("one switchboard per app, with switchboard integrations and control passing between them", async () => {
    await env.sandbox.control.reset();
    const bot = await customIntegration("bot");
    const created = await call(app.SwitchboardsApi, "createSwitchboard", "CreateSwitchboard", appId);
    expect(created.status).toBe(201);
    const switchboard = created.body.switchboard;
    expect(switchboard).toEqual({ id: expect.any(String), enabled: false });
    const second = await callFailing(app.SwitchboardsApi, "createSwitchboard", "CreateSwitchboard", appId);
    expect(second.body.errors[0]!.title).toBe("Only one switchboard can be created per app");

    const botMember = await call(app.SwitchboardIntegrationsApi, "createSwitchboardIntegration", "CreateSwitchboardIntegration", appId, switchboard.id, {
      name: "bot",
      integrationId: bot.id,
      deliverStandbyEvents: false,
    });
    const agents = await call(app.SwitchboardIntegrationsApi, "createSwitchboardIntegration", "CreateSwitchboardIntegration", appId, switchboard.id, {
      name: "agent-workspace",
      integrationType: "zd:agentWorkspace",
    });
    expect(agents.body.switchboardIntegration).toMatchObject({ integrationType: "zd:agentWorkspace", deliverStandbyEvents: true });
    await call(app.SwitchboardIntegrationsApi, "updateSwitchboardIntegration", "UpdateSwitchboardIntegration", appId, switchboard.id, botMember.body.switchboardIntegration.id, {
      nextSwitchboardIntegrationId: agents.body.switchboardIntegration.id,
    });
    const listed = await call(app.SwitchboardIntegrationsApi, "listSwitchboardIntegrations", "ListSwitchboardIntegrations", appId, switchboard.id);
    expect(listed.body.switchboardIntegrations).toHaveLength(2);

    const enabledWithoutDefault = await callFailing(app.SwitchboardsApi, "updateSwitchboard", "UpdateSwitchboard", appId, switchboard.id, { enabled: true });
    expect(enabledWithoutDefault.body.errors[0]).toEqual({
      code: "switchboard_integration_not_found",
      title: "Enabled switchboard must have an associated default switchboardIntegration",
    });
    const enabled = await call(app.SwitchboardsApi, "updateSwitchboard", "UpdateSwitchboard", appId, switchboard.id, {
      enabled: true,
      defaultSwitchboardIntegrationId: botMember.body.switchboardIntegration.id,
    });
    expect(enabled.body.switchboard.enabled).toBe(true);
    expect((await call(app.SwitchboardsApi, "listSwitchboards", "ListSwitchboards", appId)).body.switchboards).toHaveLength(1);

    const { data } = await call(app.UsersApi, "createUser", "CreateUser", appId, {});
    const conversation = await call(app.ConversationsApi, "createConversation", "CreateConversation", appId, {
      type: "personal",
      participants: [{ userId: data.user.id }],
    });
    const conversationId = conversation.body.conversation.id;
    expect(conversation.body.conversation.activeSwitchboardIntegration).toMatchObject({ name: "bot", integrationId: bot.id, integrationType: "custom" });

    const active = async () => (await call(app.ConversationsApi, "getConversation", "GetConversation", appId, conversationId)).body.conversation;
    await call(app.SwitchboardActionsApi, "passControl", "PassControl", appId, conversationId, { switchboardIntegration: "next", metadata: { reason: "human" } });
    expect((await active()).activeSwitchboardIntegration.name).toBe("agent-workspace");
    await call(app.SwitchboardActionsApi, "offerControl", "OfferControl", appId, conversationId, { switchboardIntegration: "bot" });
    expect((await active()).pendingSwitchboardIntegration.name).toBe("bot");
    await call(app.SwitchboardActionsApi, "acceptControl", "AcceptControl", appId, conversationId, {});
    expect((await active()).activeSwitchboardIntegration.name).toBe("bot");
    expect((await active()).pendingSwitchboardIntegration).toBeUndefined();
    await call(app.SwitchboardActionsApi, "releaseControl", "ReleaseControl", appId, conversationId);
    expect((await active()).activeSwitchboardIntegration).toBeUndefined();

    const noTarget = await callFailing(app.SwitchboardActionsApi, "passControl", "PassControl", appId, conversationId, { switchboardIntegration: "nobody" });
    expect(noTarget.body.errors[0]!.title).toBe('No switchboard integration matches "nobody"');
    const noOffer = await callFailing(app.SwitchboardActionsApi, "acceptControl", "AcceptControl", appId, conversationId, {});
    expect(noOffer.body.errors[0]!.title).toBe("There is no pendingSwitchboardIntegration");

    const isDefault = await callFailing(app.SwitchboardIntegrationsApi, "deleteSwitchboardIntegration", "DeleteSwitchboardIntegration", appId, switchboard.id, botMember.body.switchboardIntegration.id);
    expect(isDefault.status).toBe(400);
    await call(app.SwitchboardsApi, "deleteSwitchboard", "DeleteSwitchboard", appId, switchboard.id);
    const gone = await callFailing(app.SwitchboardIntegrationsApi, "listSwitchboardIntegrations", "ListSwitchboardIntegrations", appId, switchboard.id);
    expect(gone.body).toEqual({ errors: [{ code: "switchboard_not_found", title: "Switchboard not found" }] });
  });
});
