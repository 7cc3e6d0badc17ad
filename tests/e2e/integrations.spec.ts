// Managing a connected app from its settings tabs, against the sandbox mounted in the app: every change is checked
// in the sandbox (its REST API and /_control) and in the audit log.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_OWNER, signIn } from "./support";

const SANDBOX = "/sandbox/sc";

interface Fixtures {
  apps: { id: string; displayName: string; subdomain: string; appKeys: { id: string; secret: string }[] }[];
}

/** SunCo's REST API on the sandbox, as the tenant's app key sees it. */
function suncoApi(request: APIRequestContext, app: Fixtures["apps"][number]) {
  const key = app.appKeys[0]!;
  const authorization = `Basic ${Buffer.from(`${key.id}:${key.secret}`).toString("base64")}`;
  return async <T>(path: string): Promise<T> => {
    const response = await request.get(`${SANDBOX}/v2/apps/${app.id}${path}`, { headers: { authorization } });
    expect(response.ok(), `GET ${path}`).toBe(true);
    return (await response.json()) as T;
  };
}

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).include("main").analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("an admin builds a tenant's setup: custom integration, keys, a two-step switchboard, control of a conversation", async ({ page, request, baseURL }) => {
  test.setTimeout(240_000);
  page.on("dialog", (dialog) => void dialog.accept());
  const fixtures = (await (await request.get(`${SANDBOX}/_control/fixtures`)).json()) as Fixtures;
  const app = fixtures.apps[1]!;
  const sunco = suncoApi(request, app);

  await signIn(page, DEMO_OWNER);
  await expect(page).toHaveURL(/\/inbox$/);

  await test.step("connect the app with its API key", async () => {
    await page.goto("/connections");
    await page.getByText("Connect with an API key instead").click();
    await page.getByLabel("App ID").fill(app.id);
    await page.getByLabel("Key ID").fill(app.appKeys[0]!.id);
    await page.getByLabel("Secret").fill(app.appKeys[0]!.secret);
    await page.getByLabel("Zendesk subdomain").fill(app.subdomain);
    await page.getByRole("button", { name: "Connect with API key" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Connected ${app.displayName}` })).toBeVisible();
    await page.getByRole("link", { name: `Manage ${app.displayName}` }).click();
    await expect(page).toHaveURL(/\/connections\/[^/]+\/webhooks$/);
    await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
  });
  const connectionId = page.url().split("/").at(-2)!;
  await expectNoAxeViolations(page);

  let integrationId = "";
  let firstKeySecret = "";
  await test.step("create a custom integration with its webhook and a key, secret shown once", async () => {
    await page.getByRole("navigation", { name: "Connection settings" }).getByRole("link", { name: "Integrations" }).click();
    const form = page.getByRole("form", { name: "Create a custom integration" });
    await form.getByLabel("Name", { exact: true }).fill("Support bot");
    await form.getByLabel("Webhook target URL").fill(`${baseURL}/api/health`);
    await form.getByLabel("conversation:postback").check();
    await form.getByLabel("API key name (optional)").fill("Bot key");
    await form.getByRole("button", { name: "Create custom integration" }).click();
    await expect(form.getByRole("status")).toContainText("Created the custom integration “Support bot”");
    firstKeySecret = await form.getByTestId("created-key-secret").inputValue();
    integrationId = (await form.getByRole("status").locator("code").first().textContent())!;

    const { integration } = await sunco<{ integration: { type: string; displayName: string } }>(`/integrations/${integrationId}`);
    expect(integration).toMatchObject({ type: "custom", displayName: "Support bot" });
    const { webhooks } = await sunco<{ webhooks: { target: string; triggers: string[] }[] }>(`/integrations/${integrationId}/webhooks`);
    expect(webhooks).toEqual([expect.objectContaining({ target: `${baseURL}/api/health`, triggers: ["conversation:message", "conversation:postback"] })]);
    const { keys } = await sunco<{ keys: { displayName: string; secret: string }[] }>(`/integrations/${integrationId}/keys`);
    expect(keys).toEqual([expect.objectContaining({ displayName: "Bot key", secret: firstKeySecret })]);
    await expectNoAxeViolations(page);
  });

  await test.step("add a key and delete it; secrets are never listed", async () => {
    await page.getByRole("link", { name: "Support bot" }).click();
    await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
    await expect(page.getByRole("row", { name: /Bot key/ })).toBeVisible();
    expect(await page.content()).not.toContain(firstKeySecret);

    const form = page.getByRole("form", { name: "Create an API key" });
    await form.getByLabel("Key name").fill("Second key");
    await form.getByRole("button", { name: "Create API key" }).click();
    const secret = await form.getByTestId("new-key-secret").inputValue();
    const listed = await sunco<{ keys: { id: string; displayName: string; secret: string }[] }>(`/integrations/${integrationId}/keys`);
    const second = listed.keys.find((key) => key.displayName === "Second key")!;
    expect(second.secret).toBe(secret);
    await expect(page.getByRole("row", { name: /Second key/ })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.reload();
    expect(await page.content()).not.toContain(secret);
    await page.getByRole("form", { name: `Delete key ${second.id}` }).getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("row", { name: /Second key/ })).toHaveCount(0);
    const after = await sunco<{ keys: { id: string }[] }>(`/integrations/${integrationId}/keys`);
    expect(after.keys.map((key) => key.id)).not.toContain(second.id);
  });

  await test.step("build a two-step switchboard and enable it", async () => {
    await page.getByRole("navigation", { name: "Connection settings" }).getByRole("link", { name: "Switchboard" }).click();
    await page.getByRole("button", { name: "Create switchboard" }).click();
    await expect(page.getByTestId("switchboard-state")).toHaveText("Disabled");

    const add = page.getByRole("form", { name: "Add a switchboard integration" });
    await add.getByLabel("Name", { exact: true }).fill("agents");
    await add.getByLabel("Integration", { exact: true }).selectOption({ label: "Zendesk Agent Workspace (zd:agentWorkspace)" });
    await add.getByRole("button", { name: "Add to switchboard" }).click();
    await expect(add.getByRole("status")).toHaveText("Switchboard integration added.");

    await add.getByLabel("Name", { exact: true }).fill("bot");
    await add.getByLabel("Integration", { exact: true }).selectOption({ label: "Support bot (custom)" });
    await add.getByLabel("Passes control next to").selectOption({ label: "agents" });
    await add.getByRole("button", { name: "Add to switchboard" }).click();
    await expect(page.getByRole("row", { name: /bot.*agents/ })).toBeVisible();

    const defaults = page.getByRole("form", { name: "Default integration" });
    await defaults.getByLabel(/Default integration/).selectOption({ label: "bot" });
    await defaults.getByRole("button", { name: "Set default" }).click();
    await expect(defaults.getByRole("status")).toHaveText("Switchboard updated.");
    await page.getByRole("button", { name: "Enable switchboard" }).click();
    await expect(page.getByTestId("switchboard-state")).toHaveText("Enabled");
    const chain = page.getByRole("table", { name: "Switchboard integrations, in the order control passes" });
    await expect(chain.getByRole("row").nth(1)).toContainText("1bot");
    await expect(chain.getByRole("row").nth(2)).toContainText("2agents");

    const { switchboards } = await sunco<{ switchboards: { id: string; enabled: boolean; defaultSwitchboardIntegrationId: string }[] }>("/switchboards");
    expect(switchboards).toHaveLength(1);
    const { switchboardIntegrations: members } = await sunco<{
      switchboardIntegrations: { id: string; name: string; integrationId: string; integrationType: string; nextSwitchboardIntegrationId: string | null }[];
    }>(`/switchboards/${switchboards[0]!.id}/switchboardIntegrations`);
    const bot = members.find((member) => member.name === "bot")!;
    const agents = members.find((member) => member.name === "agents")!;
    expect(switchboards[0]).toMatchObject({ enabled: true, defaultSwitchboardIntegrationId: bot.id });
    expect(bot).toMatchObject({ integrationId: integrationId, nextSwitchboardIntegrationId: agents.id });
    expect(agents).toMatchObject({ integrationType: "zd:agentWorkspace", nextSwitchboardIntegrationId: null });
    await expectNoAxeViolations(page);
  });

  await test.step("pass control of a conversation to the agents", async () => {
    const user = (await (await request.post(`${SANDBOX}/_control/apps/${app.id}/end-users`, { data: { givenName: "Pat" } })).json()).user as { id: string };
    const opened = await request.post(`${SANDBOX}/_control/apps/${app.id}/end-users/${user.id}/conversations`, { data: {} });
    const conversationId = ((await opened.json()).conversation as { id: string }).id;

    const control = page.getByRole("form", { name: "Control of a conversation" });
    await control.getByLabel("Conversation id").fill(conversationId);
    await control.getByLabel("Action").selectOption("pass");
    await control.getByLabel("To (switchboard integration)").fill("agents");
    await control.getByRole("button", { name: "Apply" }).click();
    await expect(control.getByRole("status")).toContainText("SunCo changed who controls the conversation");
    const inSandbox = (await (await request.get(`${SANDBOX}/_control/conversations/${conversationId}`)).json()) as {
      conversation: { activeSwitchboardIntegration?: { name: string } };
    };
    expect(inSandbox.conversation.activeSwitchboardIntegration?.name).toBe("agents");
  });

  await test.step("every change is in the audit log, and no secret is", async () => {
    await page.goto(`/settings/audit?connectionId=${connectionId}`);
    const actions = await page.locator("tbody tr td:nth-child(3)").allTextContents();
    const count = (action: string) => actions.filter((each) => each === action).length;
    expect(count("integration.created")).toBe(1);
    expect(count("integration_key.created")).toBe(2);
    expect(count("integration_key.deleted")).toBe(1);
    expect(count("switchboard.created")).toBe(1);
    expect(count("switchboard_integration.created")).toBe(2);
    expect(count("switchboard.updated")).toBe(2);
    expect(count("conversation.control_passed")).toBe(1);
    await expect(page.locator("tbody").getByText("failure")).toHaveCount(0);
    expect(await page.content()).not.toContain(firstKeySecret);
  });
});

test("an OAuth connection shows what its token can't do, and why", async ({ page }) => {
  await signIn(page, DEMO_OWNER);
  await expect(page).toHaveURL(/\/inbox$/);
  await page.goto("/connections");
  await page.getByRole("button", { name: "Connect Zendesk" }).click();
  await page.getByLabel(/Acme Support/).check();
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connected Acme Support" })).toBeVisible();
  await page.getByRole("link", { name: "Manage Acme Support" }).click();

  await expect(page.getByText("An OAuth token sees and manages only its own integration's webhooks")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Managed by Sunbridge" })).toHaveCount(1);
  await expect(page.getByRole("form", { name: "Add a webhook" })).toBeVisible();
  await expectNoAxeViolations(page);

  const tabs = page.getByRole("navigation", { name: "Connection settings" });
  await tabs.getByRole("link", { name: "Integrations" }).click();
  await expect(page.getByRole("note")).toContainText("An OAuth token can't see or change the app's other integrations");
  await expect(page.getByRole("form", { name: "Create a custom integration" })).toHaveCount(0);

  await tabs.getByRole("link", { name: "Switchboard" }).click();
  await expect(page.getByRole("note")).toContainText("An OAuth token can't manage the switchboard");
  await expect(page.getByRole("button", { name: "Create switchboard" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Control of a conversation" }).getByRole("button", { name: "Apply" })).toBeEnabled();

  await tabs.getByRole("link", { name: "App" }).click();
  await expect(page).toHaveURL(/\/app$/);
  await expect(page.getByText("Acme Support").first()).toBeVisible();
  await expect(page.getByRole("note")).toContainText("An OAuth token can't change the app's settings");
  await expect(page.getByRole("button", { name: "Save settings" })).toBeDisabled();
  await expectNoAxeViolations(page);
});
