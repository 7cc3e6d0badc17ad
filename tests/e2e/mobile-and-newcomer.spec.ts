// The inbox on a phone (390 × 844) and on a laptop (1280 × 800), and what a newcomer tripped over: every page fits
// the width, the list, thread and details are views the URL moves between, inputs are styled whatever their type,
// a refused connect keeps what was typed, assign and status changes leave a line in the thread and the audit log.
// Signs in as the seeded owner (no sign-up) and connects a tenant app of its own through the sandbox's consent page.
// With README_SCREENSHOT=1 it also writes docs/readme/inbox-390.png, the README's picture of the inbox on a phone.
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { connectSandboxApp, createTenantApp, DEMO_AGENT, DEMO_OWNER, signIn } from "./support";

const CONTROL = "/sandbox/sc/_control";
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

async function control<T>(request: APIRequestContext, route: string, data: object) {
  const response = await request.post(`${CONTROL}${route}`, { data });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

/** The seeded owner, with a tenant app of their own connected and an end user who wrote three messages. */
async function connectedOwnerWithConversation(page: Page, request: APIRequestContext, company: string) {
  const app = await createTenantApp(request, `${company} ${Date.now()}`);
  await signIn(page, DEMO_OWNER);
  await expect(page).toHaveURL(/\/inbox$/);
  const connectionId = await connectSandboxApp(page, app.displayName);
  const { user } = await control<{ user: { id: string } }>(request, `/apps/${app.id}/end-users`, { givenName: "Kim", surname: `Long ${company}` });
  const { conversation } = await control<{ conversation: { id: string } }>(request, `/apps/${app.id}/end-users/${user.id}/conversations`, {});
  for (const text of ["Hello there", "My parcel is late", "Order 1234"]) {
    await control(request, `/conversations/${conversation.id}/messages`, { userId: user.id, content: { type: "text", text } });
  }
  return { app, user, suncoConversationId: conversation.id, endUserName: `Kim Long ${company}`, connectionRoot: `/connections/${connectionId}` };
}

async function expectNoHorizontalOverflow(page: Page, route: string) {
  await page.goto(route);
  await page.waitForLoadState("networkidle");
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    clientWidth: document.scrollingElement!.clientWidth,
  }));
  expect(scrollWidth, `${route} is ${scrollWidth} px wide in a ${clientWidth} px viewport`).toBeLessThanOrEqual(clientWidth);
}

async function expectNoSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Every text-like input on the page is drawn by our styles (an unstyled browser box is about 21 px high). */
async function expectStyledInputs(page: Page, route: string) {
  await page.goto(route);
  await page.waitForLoadState("networkidle");
  const heights = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>("input")]
      .filter((input) => !["checkbox", "radio", "file", "hidden", "submit", "button"].includes(input.type) && input.getClientRects().length > 0)
      .map((input) => ({ name: input.name || input.id || input.getAttribute("aria-label"), height: input.getBoundingClientRect().height })),
  );
  expect(heights.length, `${route} has inputs to check`).toBeGreaterThan(0);
  for (const { name, height } of heights) expect(height, `${route}: ${name}`).toBeGreaterThanOrEqual(28);
}

test("at 390 px the list, the thread and the details are views the URL moves between, the composer stays in view, and no page overflows", async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(180_000);
  const { endUserName, connectionRoot } = await connectedOwnerWithConversation(page, request, "Phone Co");
  await page.setViewportSize(PHONE);

  await test.step("the list alone; a conversation opens in its place, with a way back", async () => {
    await page.goto("/inbox");
    const row = page.getByRole("link", { name: new RegExp(endUserName) });
    await expect(row).toBeVisible();
    await expect(page.getByRole("region", { name: "No conversation open" })).toBeHidden();
    await row.click();
    await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: endUserName })).toBeVisible();
    await expect(page.getByRole("region", { name: "Conversation list" })).toBeHidden();
    await expect(page.getByRole("complementary", { name: "Conversation details" })).toBeHidden();
  });

  await test.step("the composer is inside the viewport, and stays there as it grows", async () => {
    const composer = page.getByRole("textbox", { name: "Reply" });
    await composer.fill(Array.from({ length: 8 }, (_, i) => `line ${i + 1}`).join("\n"));
    const box = (await composer.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    await expect(page.getByRole("button", { name: "Send" })).toBeInViewport();
    await composer.fill("");
  });

  await test.step("README picture of the inbox on a phone", async () => {
    if (process.env.README_SCREENSHOT !== "1") return;
    await page.getByRole("textbox", { name: "Reply" }).fill("Sorry to hear that! Let me check order 1234.");
    await page.screenshot({ path: path.resolve("docs/readme/inbox-390.png") });
    await page.getByRole("textbox", { name: "Reply" }).fill("");
  });

  await test.step("details, and the browser's back returns to the thread, then to the list", async () => {
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("link", { name: "Details" }).click();
    await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}\/details$/);
    await expect(page.getByRole("complementary", { name: "Conversation details" })).toBeVisible();
    await expect(page.getByRole("heading", { name: endUserName })).toBeHidden();
    await expectNoSeriousAxeViolations(page);
    await page.goBack();
    await expect(page.getByRole("heading", { name: endUserName })).toBeVisible();
    await page.getByRole("link", { name: "Back to conversations" }).click();
    await expect(page).toHaveURL(/\/inbox$/);
    await expect(page.getByRole("link", { name: new RegExp(endUserName) })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });

  await test.step("no page of the app is wider than the phone, nor than the laptop", async () => {
    const conversationPath = await page.getByRole("link", { name: new RegExp(endUserName) }).getAttribute("href");
    const routes = [
      "/inbox",
      conversationPath!,
      `${conversationPath!.split("?")[0]}/details`,
      "/connections",
      ...["webhooks", "integrations", "switchboard", "app", "events"].map((tab) => `${connectionRoot}/${tab}`),
      "/settings/members",
      "/settings/saved-replies",
      "/settings/audit",
      "/settings/connect-links",
      "/sandbox/simulator",
      "/sandbox/deliveries",
    ];
    for (const viewport of [PHONE, LAPTOP]) {
      await page.setViewportSize(viewport);
      for (const route of routes) await expectNoHorizontalOverflow(page, route);
    }
    const signedOut = await browser.newPage({ viewport: PHONE });
    for (const route of ["/sign-in", "/sign-up"]) await expectNoHorizontalOverflow(signedOut, route);
    await signedOut.close();
  });
});

test("a newcomer's path: styled inputs, a refused key keeps the form, the simulator is pointed to, and the thread tells what happened", async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize(LAPTOP);
  const { app, user, suncoConversationId, endUserName, connectionRoot } = await connectedOwnerWithConversation(page, request, "Laptop Co");

  await test.step("a refused API key keeps every field but the secret, and says so once", async () => {
    await page.goto("/connections");
    await page.getByText("Connect with an API key instead").click();
    await page.getByLabel("App ID").fill("0123456789abcdef01234567");
    await page.getByLabel("Key ID").fill("app_0123456789");
    await page.getByLabel("Secret").fill("not-the-secret");
    await page.getByLabel("Zendesk subdomain").fill("acme");
    await page.getByRole("button", { name: "Connect with API key" }).click();
    await expect(page.getByText("SunCo did not accept this key id and secret for that app.")).toHaveCount(1);
    await expect(page.getByLabel("App ID")).toHaveValue("0123456789abcdef01234567");
    await expect(page.getByLabel("Key ID")).toHaveValue("app_0123456789");
    await expect(page.getByLabel("Zendesk subdomain")).toHaveValue("acme");
    await expect(page.getByLabel("Secret")).toHaveValue("");
    await expectNoSeriousAxeViolations(page);
  });

  await test.step("inputs without a type are styled like the others", async () => {
    await page.getByText("Connect with an API key instead").click();
    const heights = await Promise.all(["App ID", "Key ID", "Secret", "Zendesk subdomain"].map(async (label) => (await page.getByLabel(label).boundingBox())!.height));
    expect(new Set(heights.map(Math.round)).size, `heights ${heights.join(", ")}`).toBe(1);
    expect(heights[0]).toBeGreaterThanOrEqual(28);
    for (const route of ["/settings/saved-replies", ...["switchboard", "app", "events"].map((tab) => `${connectionRoot}/${tab}`)]) {
      await expectStyledInputs(page, route);
    }
  });

  await test.step("an empty view points to the simulator", async () => {
    await page.goto("/inbox?status=pending&assignee=mine");
    await expect(page.getByRole("link", { name: "simulator" })).toHaveAttribute("href", "/sandbox/simulator");
  });

  const conversationId = await test.step("the thread is wide, groups a run of messages, and the open conversation shows no unread count", async () => {
    await page.goto("/inbox");
    const row = page.getByRole("link", { name: new RegExp(`${endUserName}, 3 unread`) });
    await expect(row).toBeVisible();
    await row.click();
    await expect(page.getByRole("heading", { name: endUserName })).toBeVisible();
    await expect(page.getByRole("link", { name: new RegExp(`^${endUserName}:`) })).toBeVisible();
    const thread = (await page.locator("section[aria-labelledby=thread-title]").boundingBox())!;
    expect(thread.width).toBeGreaterThanOrEqual(460);
    const log = page.getByRole("log", { name: "Messages" });
    await expect(log.getByText("Order 1234")).toBeVisible();
    await expect(log.getByText(endUserName, { exact: true })).toHaveCount(1);
    return page.url().split("/inbox/")[1]!.split("?")[0]!;
  });

  await test.step("a reply button's text field keeps its width, the list names who replied, and the tapped button's payload is shown", async () => {
    await page.getByRole("textbox", { name: "Reply" }).fill("Would you like a refund?");
    await page.getByRole("button", { name: "Add button" }).click();
    const text = page.getByLabel("Button 1 text");
    await text.fill("Yes please");
    expect((await text.boundingBox())!.width).toBeGreaterThanOrEqual(140);
    await page.getByLabel("Button 1 payload").fill("REFUND");
    await page.getByRole("textbox", { name: "Reply" }).press("Enter");
    const log = page.getByRole("log", { name: "Messages" });
    await expect(log.getByText("Would you like a refund?")).toBeVisible();
    await expect(log.getByTestId("delivery-status").last()).toHaveText(/Sent|Delivered/);
    // The list says "You:" to the member who wrote it, and names them to a teammate.
    await expect(page.getByRole("link", { name: new RegExp(endUserName) })).toContainText("You: Would you like a refund?");
    const teammate = await browser.newContext();
    const agentPage = await teammate.newPage();
    await signIn(agentPage, DEMO_AGENT);
    await expect(agentPage.getByRole("link", { name: new RegExp(endUserName) })).toContainText("Olivia Owner: Would you like a refund?");
    await teammate.close();
    const held = (await (await request.get(`${CONTROL}/conversations/${suncoConversationId}`)).json()) as { messages: { id: string; author: { type: string } }[] };
    const asked = held.messages.filter((message) => message.author.type === "business").at(-1)!;
    await control(request, `/conversations/${suncoConversationId}/buttons`, { userId: user.id, messageId: asked.id, button: "REFUND" });
    await expect(log.getByText("payload “REFUND”")).toBeVisible();
  });

  await test.step("the thread stays at its newest message when the composer grows", async () => {
    const log = page.getByRole("log", { name: "Messages" });
    await page.getByRole("textbox", { name: "Reply" }).fill(Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join("\n"));
    await expect.poll(() => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(2);
    await page.getByRole("textbox", { name: "Reply" }).fill("");
  });

  await test.step("assign, resolve and reopen: a confirmation, a line in the thread, and entries in the audit log", async () => {
    const log = page.getByRole("log", { name: "Messages" });
    await page.getByRole("combobox", { name: "Assignee" }).selectOption({ label: "Adam Agent" });
    await expect(page.getByTestId("conversation-change")).toHaveText("Assigned to Adam Agent.");
    await expect(log.getByText("Olivia Owner assigned the conversation to Adam Agent")).toBeVisible();
    await page.getByRole("button", { name: "Resolve" }).click();
    await expect(page.getByTestId("conversation-change")).toHaveText("Resolved.");
    await expect(log.getByText("Olivia Owner resolved the conversation")).toBeVisible();
    await page.getByRole("button", { name: "Reopen" }).click();
    await expect(log.getByText("Olivia Owner reopened the conversation")).toBeVisible();
    // The lines are stored: a reload shows them again.
    await page.reload();
    await expect(page.getByRole("log", { name: "Messages" }).getByText("Olivia Owner assigned the conversation to Adam Agent")).toBeVisible();
    await page.goto("/settings/audit");
    const entries = page.getByRole("row").filter({ hasText: `conversation ${conversationId}` });
    await expect(entries.filter({ hasText: "conversations.assign" })).toHaveCount(1);
    await expect(entries.filter({ hasText: "conversations.resolve" })).toHaveCount(1);
    await expect(entries.filter({ hasText: "conversations.reopen" })).toHaveCount(1);
    await expectNoSeriousAxeViolations(page);
  });

  await test.step("the saved-reply picker reads the replies each time it opens, and its empty state links to Settings", async () => {
    await page.goto(`/inbox/${conversationId}`);
    await page.getByRole("button", { name: "Saved replies" }).click();
    const picker = page.getByRole("dialog", { name: "Saved replies" });
    const title = `Refund sent ${app.id}`;
    if (await picker.getByText("No saved replies yet").isVisible()) {
      await expect(picker.getByRole("link", { name: "Settings → Saved replies" })).toHaveAttribute("href", "/settings/saved-replies");
    }
    const settings = await page.context().newPage();
    await settings.goto("/settings/saved-replies");
    await settings.locator("#new-reply-title").fill(title);
    await settings.locator("#new-reply-body").fill("Your refund is on its way.");
    await settings.getByRole("button", { name: "Add saved reply" }).click();
    await expect(settings.getByRole("heading", { name: title })).toBeVisible();
    await settings.close();
    await page.getByRole("button", { name: "Saved replies" }).click();
    await page.getByRole("button", { name: "Saved replies" }).click();
    await expect(picker.getByText(title)).toBeVisible();
  });

  await test.step("the favicon answers", async () => {
    expect((await request.get("/favicon.ico")).status()).toBe(200);
  });
});
