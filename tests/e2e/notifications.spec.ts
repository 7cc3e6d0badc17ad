// Notifications end to end: an agent with the inbox in a background tab is told, by a browser notification and the
// count in the tab's title and icon, when a conversation is assigned to them, when its end user writes (the sandbox's
// simulator), and when a teammate mentions them in a note; opening the conversation reads them. The settings page has
// no serious accessibility violation. Other tests notify the seeded agent too, so this one looks for its own.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { connectSandboxApp, createTenantApp, DEMO_AGENT, DEMO_OWNER, signIn } from "./support";

const CONTROL = "/sandbox/sc/_control";

async function control<T>(request: APIRequestContext, path: string, data: object): Promise<T> {
  const response = await request.post(`${CONTROL}${path}`, { data });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

interface Shown {
  title: string;
  body?: string;
  tag?: string;
}

/** Notifications the page showed (window.Notification is a recorder) and the tab's state: background or in front. */
const shown = (page: Page) => page.evaluate(() => (window as unknown as { shownNotifications: Shown[] }).shownNotifications);
const titleCount = async (page: Page) => Number(/^\((\d+)\+?\) /.exec(await page.title())?.[1] ?? 0);
const setBackground = (page: Page, hidden: boolean) =>
  page.evaluate((value) => {
    (window as unknown as { inBackground: boolean }).inBackground = value;
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);

test("an agent with the inbox in a background tab is notified of an assignment, the end user's message and a mention", async ({ browser, page, request }) => {
  const tenant = await createTenantApp(request, `Notify Co ${Date.now()}`);
  const message = `Where is parcel ${Date.now()}?`;
  await signIn(page, DEMO_OWNER);
  await expect(page).toHaveURL(/\/inbox$/);
  await connectSandboxApp(page, tenant.displayName);
  const { user } = await control<{ user: { id: string } }>(request, `/apps/${tenant.id}/end-users`, { givenName: "Nora", surname: `Notify ${tenant.id.slice(-4)}` });
  const { conversation } = await control<{ conversation: { id: string } }>(request, `/apps/${tenant.id}/end-users/${user.id}/conversations`, {});
  await control(request, `/conversations/${conversation.id}/messages`, { userId: user.id, content: { type: "text", text: "Hello" } });
  await page.goto("/inbox");
  await page.getByRole("link", { name: new RegExp(`Nora Notify ${tenant.id.slice(-4)}`) }).click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  const conversationId = page.url().split("/").at(-1)!;

  // The agent's tab: notifications allowed, window.Notification recording what is shown, and a switch for whether the
  // tab is in the background (a headless browser keeps every tab "visible").
  const agentContext = await browser.newContext();
  await agentContext.grantPermissions(["notifications"]);
  await agentContext.addInitScript(() => {
    const state = window as unknown as { shownNotifications: unknown[]; inBackground: boolean };
    state.shownNotifications = [];
    state.inBackground = false;
    class RecordingNotification {
      static permission = "granted";
      static requestPermission = async () => "granted";
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        state.shownNotifications.push({ title, body: options?.body, tag: options?.tag });
      }
      close() {}
    }
    Object.defineProperty(window, "Notification", { value: RecordingNotification, configurable: true });
    Object.defineProperty(document, "visibilityState", { get: () => (state.inBackground ? "hidden" : "visible"), configurable: true });
    document.hasFocus = () => !state.inBackground;
  });
  const agent = await agentContext.newPage();
  await signIn(agent, DEMO_AGENT);
  await expect(agent).toHaveURL(/\/inbox$/);
  await agent.waitForLoadState("networkidle");
  await setBackground(agent, true);
  const tag = `conversation-${conversationId}`;
  const mine = async () => (await shown(agent)).filter((notification) => notification.tag === tag);

  await test.step("assigned to them", async () => {
    const before = await titleCount(agent);
    await page.getByRole("combobox", { name: "Assignee" }).selectOption({ label: "Adam Agent" });
    await expect(page.getByTestId("conversation-change")).toHaveText("Assigned to Adam Agent.");
    await expect.poll(mine).toEqual([expect.objectContaining({ title: "Olivia Owner assigned you a conversation", body: "Hello" })]);
    await expect.poll(() => titleCount(agent)).toBeGreaterThan(before);
    expect(await agent.title()).toMatch(/^\(\d+\+?\) Inbox/);
  });

  await test.step("the end user writes in their conversation (the simulator)", async () => {
    const before = await titleCount(agent);
    await control(request, `/conversations/${conversation.id}/messages`, { userId: user.id, content: { type: "text", text: message } });
    await expect.poll(mine).toContainEqual(expect.objectContaining({ title: `New message from Nora Notify ${tenant.id.slice(-4)}`, body: message }));
    await expect.poll(() => titleCount(agent)).toBeGreaterThan(before);
    // The tab's icon carries the count too: a drawn badge instead of the plain icon.
    expect(await agent.locator('link[rel~="icon"]').first().getAttribute("href")).toMatch(/^data:image\/png;base64,/);
  });

  await test.step("a teammate mentions them in a note", async () => {
    await page.getByRole("button", { name: "Internal note" }).click();
    const box = page.getByRole("textbox", { name: "Internal note" });
    await box.pressSequentially("Can you take this? @Ad");
    const options = page.getByRole("listbox", { name: "Mention a member" });
    await expect(options.getByRole("option", { name: "Adam Agent" })).toBeVisible();
    await page.screenshot({ path: "test-results/notifications-mention-options.png" });
    await box.press("Enter");
    await expect(box).toHaveValue("Can you take this? @Adam Agent ");
    await box.press("Enter");
    const log = page.getByRole("log", { name: "Messages" });
    await expect(log.locator("mark", { hasText: "@Adam Agent" })).toBeVisible();
    await page.screenshot({ path: "test-results/notifications-mention-note.png" });
    await expect.poll(mine).toContainEqual(expect.objectContaining({ title: "Olivia Owner mentioned you in a note", body: "Can you take this? @Adam Agent" }));
  });

  await test.step("opening the conversation reads its notifications", async () => {
    const before = await titleCount(agent);
    await setBackground(agent, false);
    await agent.goto(`/inbox/${conversationId}`);
    await expect(agent.getByRole("log", { name: "Messages" }).locator("mark", { hasText: "@Adam Agent" })).toBeVisible();
    await expect.poll(() => titleCount(agent)).toBeLessThanOrEqual(before - 3);
  });

  await test.step("the settings page: per-agent choices, saved, and no serious accessibility violation", async () => {
    await agent.goto("/settings/notifications");
    await expect(agent.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
    await expect(agent.getByRole("status").filter({ hasText: "Notifications are on for this device" })).toBeVisible();
    const sound = agent.getByRole("checkbox", { name: "A sound" });
    await expect(sound).toBeChecked();
    await sound.uncheck();
    await agent.getByRole("button", { name: "Save" }).click();
    await expect(agent.getByText("Saved.")).toBeVisible();
    await agent.reload();
    await expect(agent.getByRole("checkbox", { name: "A sound" })).not.toBeChecked();
    await agent.getByRole("checkbox", { name: "A sound" }).check();
    await agent.getByRole("button", { name: "Save" }).click();
    await expect(agent.getByText("Saved.")).toBeVisible();
    const { violations } = await new AxeBuilder({ page: agent }).withTags(["wcag2a", "wcag2aa"]).analyze();
    const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
    await agent.setViewportSize({ width: 1280, height: 900 });
    await agent.screenshot({ path: "test-results/notifications-settings-1280.png", fullPage: true });
    await agent.setViewportSize({ width: 390, height: 844 });
    await agent.screenshot({ path: "test-results/notifications-settings-390.png", fullPage: true });
  });
  await agentContext.close();
});
