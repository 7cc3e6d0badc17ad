// The inbox's acceptance, against the sandbox mounted in the app: an agent in one page, the end user in the sandbox's
// simulator in a second page, talking through SunCo's webhooks and REST API as they would in production.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createTenantApp, signUpAndConnect } from "./support";

const SANDBOX = "/sandbox/sc";
/** A 1×1 PNG. */
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005000201e2b3a5b70000000049454e44ae426082",
  "hex",
);

async function expectNoSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** The sandbox's own record of a conversation's messages: what SunCo holds, whatever our UI shows. */
async function sandboxMessages(request: APIRequestContext, conversationId: string) {
  const response = await request.get(`${SANDBOX}/_control/conversations/${conversationId}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { messages: { author: { type: string }; content: { type: string; text?: string } }[] }).messages;
}

/** As the tenant's Zendesk admin would: a switchboard with Sunbridge's OAuth integration in control, and a bot. */
async function switchboardFor(request: APIRequestContext, appId: string, appUrl: string) {
  const fixtures = (await (await request.get(`${SANDBOX}/_control/fixtures`)).json()) as { accounts: { accountKeys: { id: string; secret: string }[] }[] };
  const key = fixtures.accounts[0]!.accountKeys[0]!;
  const headers = { authorization: `Basic ${Buffer.from(`${key.id}:${key.secret}`).toString("base64")}` };
  const call = async <T>(method: "post" | "patch", path: string, data: object) => {
    const response = await request[method](`${SANDBOX}/v2/apps/${appId}${path}`, { headers, data });
    expect(response.ok(), await response.text()).toBe(true);
    return (await response.json()) as T;
  };
  const { integration: bot } = await call<{ integration: { id: string } }>("post", "/integrations", {
    type: "custom",
    displayName: "Bot",
    // The bot needs a webhook SunCo can check; what it receives does not matter here.
    webhooks: [{ target: `${appUrl}/api/health`, triggers: ["conversation:message"] }],
  });
  const { switchboard } = await call<{ switchboard: { id: string } }>("post", "/switchboards", {});
  const member = (name: string, link: object) =>
    call<{ switchboardIntegration: { id: string } }>("post", `/switchboards/${switchboard.id}/switchboardIntegrations`, { name, ...link });
  const sunbridge = (await member("sunbridge", { integrationType: "sunbridge-sandbox" })).switchboardIntegration;
  await member("bot", { integrationId: bot.id });
  await call("patch", `/switchboards/${switchboard.id}`, { enabled: true, defaultSwitchboardIntegrationId: sunbridge.id });
}

test("an agent and an end user talk: live arrival, text with reply buttons, a tapped button, images both ways, typing, read receipts, and a send through three 503s", async ({
  page: agent,
  context,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const app = await createTenantApp(request, `Inbox Co ${Date.now()}`);
  await signUpAndConnect(agent, app.displayName);
  await agent.goto("/inbox");
  await agent.waitForLoadState("networkidle");

  const endUser = await context.newPage();
  await endUser.goto("/sandbox/simulator");
  await endUser.getByLabel("App", { exact: true }).selectOption(app.id);
  await endUser.getByText("New end user").click();
  await endUser.getByLabel("First name").fill("Nora");
  await endUser.getByLabel("Last name").fill("Jones");
  await endUser.getByRole("button", { name: "Create end user" }).click();
  const messenger = endUser.getByRole("log", { name: "Messages" });

  await test.step("the end user writes; the inbox shows it without a reload within a second", async () => {
    await endUser.getByRole("textbox", { name: "Message", exact: true }).fill("Hello, my parcel is late");
    await endUser.getByRole("button", { name: "Send" }).click();
    await expect(messenger.getByText("Hello, my parcel is late")).toBeVisible();
    const shownAt = Date.now();
    const row = agent.getByRole("link", { name: /Nora Jones.*Hello, my parcel is late/ });
    await expect(row).toBeVisible({ timeout: 1_000 });
    test.info().annotations.push({ type: "latency", description: `${Date.now() - shownAt} ms from the simulator showing it to the inbox` });
    await row.click();
    await expect(agent.getByRole("heading", { name: "Nora Jones" })).toBeVisible();
    await expect(agent.getByRole("log", { name: "Messages" }).getByText("Hello, my parcel is late")).toBeVisible();
  });
  const thread = agent.getByRole("log", { name: "Messages" });
  const conversationId = await (async () => {
    const { endUsers } = (await (await request.get(`${SANDBOX}/_control/apps/${app.id}/end-users`)).json()) as {
      endUsers: { conversationIds: string[] }[];
    };
    return endUsers.at(-1)!.conversationIds.at(-1)!;
  })();

  await test.step("the agent opening the thread tells the end user it was seen", async () => {
    await expect(messenger.getByText("Seen")).toBeVisible();
  });

  await test.step("typing shows both ways", async () => {
    await endUser.getByRole("textbox", { name: "Message", exact: true }).pressSequentially("Are", { delay: 30 });
    await expect(agent.getByRole("status").filter({ hasText: "Nora Jones is typing…" })).toBeVisible();
    await endUser.getByRole("textbox", { name: "Message", exact: true }).fill("");
    await agent.getByRole("textbox", { name: "Reply" }).pressSequentially("Sorry", { delay: 30 });
    await expect(endUser.getByRole("status").filter({ hasText: "Business is typing…" })).toBeVisible();
  });

  await test.step("the agent answers with text and reply buttons, by keyboard; the end user sees them and taps one", async () => {
    const composer = agent.getByRole("form", { name: "Composer" });
    await composer.getByRole("textbox", { name: "Reply" }).fill("Sorry about that! Shall I refund it?");
    await composer.getByRole("button", { name: "Add button" }).click();
    await composer.getByLabel("Button 1 text").fill("Yes please");
    await composer.getByLabel("Button 1 payload").fill("REFUND");
    await composer.getByRole("button", { name: "Add button" }).click();
    await composer.getByLabel("Button 2 text").fill("No");
    await composer.getByLabel("Button 2 payload").fill("NO_REFUND");
    await composer.getByRole("textbox", { name: "Reply" }).press("Enter");
    const answer = thread.getByRole("article").filter({ hasText: "Shall I refund it?" });
    await expect(answer.getByTestId("delivery-status")).toHaveText(/Sent|Delivered|Seen/);
    await expect(messenger.getByText("Sorry about that! Shall I refund it?")).toBeVisible();
    // The simulator read it: the agent sees "Seen".
    await expect(answer.getByTestId("delivery-status")).toHaveText("Seen");
    await messenger.getByRole("button", { name: "Yes please" }).click();
    await expect(thread.getByRole("article", { name: /^Nora Jones/ }).filter({ hasText: "Yes please" })).toBeVisible();
  });

  await test.step("an image goes both ways", async () => {
    await endUser.getByLabel("Attach a file").setInputFiles({ name: "parcel.png", mimeType: "image/png", buffer: PNG });
    await expect(thread.getByRole("article", { name: /^Nora Jones/ }).getByRole("img")).toBeVisible();
    await agent.locator("#composer-file").setInputFiles({ name: "label.png", mimeType: "image/png", buffer: PNG });
    await agent.getByRole("textbox", { name: "Reply" }).fill("Here is your return label");
    await agent.getByRole("textbox", { name: "Reply" }).press("Enter");
    await expect(thread.getByRole("article").filter({ hasText: "Here is your return label" }).getByTestId("delivery-status")).toHaveText(/Sent|Delivered|Seen/);
    await expect(messenger.getByRole("img").last()).toBeVisible();
    const sent = (await sandboxMessages(request, conversationId)).filter((m) => m.author.type === "business" && m.content.type === "image");
    expect(sent).toHaveLength(1);
  });

  await test.step("with SunCo answering 503 three times, the reply still ends sent, exactly once", async () => {
    const fault = await request.post(`${SANDBOX}/_control/faults`, {
      data: { match: { method: "POST", path: "/v2/apps/*/conversations/*/messages", appId: app.id }, times: 3, respond: { status: 503 } },
    });
    expect(fault.status(), await fault.text()).toBe(201);
    await agent.getByRole("textbox", { name: "Reply" }).fill("Are you still there?");
    await agent.getByRole("textbox", { name: "Reply" }).press("Enter");
    const answer = thread.getByRole("article").filter({ hasText: "Are you still there?" });
    await expect(answer.getByTestId("delivery-status")).toHaveText(/Sent|Delivered|Seen/, { timeout: 30_000 });
    const copies = (await sandboxMessages(request, conversationId)).filter((m) => m.content.text === "Are you still there?");
    expect(copies).toHaveLength(1);
    // All three injected 503s were met (other tests' faults may be pending in parallel).
    const { faults } = (await (await request.get(`${SANDBOX}/_control/faults`)).json()) as { faults: { match: { appId?: string } }[] };
    expect(faults.filter((pending) => pending.match.appId === app.id)).toEqual([]);
    await expect(thread.getByRole("article").filter({ hasText: "Are you still there?" })).toHaveCount(1);
  });

  await test.step("the agent passes control to a bot, offers it back to Sunbridge, and accepts the offer", async () => {
    await switchboardFor(request, app.id, baseURL!);
    const holder = agent.getByTestId("switchboard-holder");
    const target = agent.getByLabel("Pass or offer control to");
    await target.fill("bot");
    await agent.getByRole("button", { name: "Pass control" }).click();
    await expect(holder).toHaveText("In control: bot");
    await target.fill("sunbridge");
    await agent.getByRole("button", { name: "Offer control" }).click();
    const offer = agent.getByTestId("switchboard-offer");
    await expect(offer).toContainText("Offered to sunbridge");
    await offer.getByRole("button", { name: "Accept the offer" }).click();
    await expect(holder).toHaveText("In control: sunbridge (Sunbridge)");
    await expect(offer).toBeHidden();
  });

  await expectNoSeriousAxeViolations(agent);
});

test("the composer works by keyboard alone, and the list by j, k, Enter, / and ?", async ({ page, request }) => {
  const app = await createTenantApp(request, `Keyboard Co ${Date.now()}`);
  await signUpAndConnect(page, app.displayName);
  // Two end users write in, through the sandbox's simulator endpoints.
  const control = async <T>(path: string, data: object) => {
    const response = await request.post(`${SANDBOX}/_control${path}`, { data });
    expect(response.ok(), await response.text()).toBe(true);
    return (await response.json()) as T;
  };
  for (const [givenName, text] of [
    ["Kim", "First question"],
    ["Lee", "Second question"],
  ]) {
    const { user } = await control<{ user: { id: string } }>(`/apps/${app.id}/end-users`, { givenName });
    const { conversation } = await control<{ conversation: { id: string } }>(`/apps/${app.id}/end-users/${user.id}/conversations`, {});
    await control(`/conversations/${conversation.id}/messages`, { userId: user.id, content: { type: "text", text } });
  }
  await page.goto("/inbox");
  const list = page.getByRole("list", { name: "Conversations" });
  await expect(list.getByRole("link")).toHaveCount(2);
  await page.waitForLoadState("networkidle");

  // "?" lists the shortcuts; Escape closes the list.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog");
  await expect(help).toContainText("Next conversation");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // j moves to the newest (Lee), j again to Kim, k back to Lee; Enter opens it.
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await expect(list.getByRole("link", { name: /^Lee/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Lee" })).toBeVisible();

  // To the reply box by Tab only, then Shift+Enter for a new line and Enter to send.
  const box = page.getByRole("textbox", { name: "Reply" });
  for (let i = 0; i < 40 && !(await box.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(box).toBeFocused();
  await page.keyboard.type("Line one");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("Line two");
  await page.keyboard.press("Enter");
  const thread = page.getByRole("log", { name: "Messages" });
  const reply = thread.getByRole("article").filter({ hasText: "Line one" });
  await expect(reply).toContainText("Line two");
  await expect(reply.getByTestId("delivery-status")).toHaveText(/Sent|Delivered/);
  await expect(box).toHaveValue("");

  // "/" searches.
  await page.keyboard.press("Escape");
  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox")).toBeFocused();
  await page.keyboard.type("First question");
  await page.keyboard.press("Enter");
  await expect(list.getByRole("link")).toHaveCount(1);
  await expect(list.getByRole("link", { name: /^Kim/ })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});
