// Labels, bulk actions, snooze and the satisfaction survey, as the demo organization's owner (no sign-up) on a tenant
// app of this test's own: a label made in Settings and put on a conversation filters the list; five conversations
// resolved at once; a snooze that ends when the sandbox's clock (which the snooze sweep follows) is moved past it; and
// a survey answered in the simulator shown in the thread as a rating.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { connectSandboxApp, createTenantApp, DEMO_OWNER, signIn } from "./support";

const CONTROL = "/sandbox/sc/_control";

async function expectNoSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function control<T>(request: APIRequestContext, path: string, data: object): Promise<T> {
  const response = await request.post(`${CONTROL}${path}`, { data });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

/** An end user of the app who wrote `text`. */
async function endUserWrites(request: APIRequestContext, appId: string, givenName: string, text: string) {
  const { user } = await control<{ user: { id: string } }>(request, `/apps/${appId}/end-users`, { givenName });
  const { conversation } = await control<{ conversation: { id: string } }>(request, `/apps/${appId}/end-users/${user.id}/conversations`, {});
  await control(request, `/conversations/${conversation.id}/messages`, { userId: user.id, content: { type: "text", text } });
}

test("labels filter the list, five conversations resolve at once, a snooze ends on time, and a survey answer shows as a rating", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const app = await createTenantApp(request, `Bulk Co ${run}`);
  await signIn(page, DEMO_OWNER);
  await expect(page).toHaveURL(/\/inbox$/);
  // This test's own conversations: the demo organization is shared with other tests.
  const connectionList = `/inbox?connection=${await connectSandboxApp(page, app.displayName)}`;
  const names = ["Ann", "Ben", "Cid", "Dee", "Eve", "Fay"].map((name) => `${name} ${run}`);
  for (const name of names) await endUserWrites(request, app.id, name, `Hello from ${name}`);

  const label = `VIP ${run}`;
  await test.step("an owner creates a label in Settings → Labels", async () => {
    await page.goto("/settings/labels");
    const add = page.getByRole("region", { name: "Add a label" });
    await add.getByLabel("Name").fill(label);
    await add.getByLabel("Colour").selectOption("purple");
    await add.getByRole("button", { name: "Add label" }).click();
    await expect(page.getByRole("region", { name: label })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });

  const list = page.getByRole("list", { name: "Conversations" });
  const row = (name: string) => list.getByRole("link", { name: new RegExp(name) });
  await test.step("an agent puts it on a conversation, and the label filter and label: search find only that one", async () => {
    await page.goto(connectionList);
    for (const name of names) await expect(row(name)).toBeVisible();
    await row(names[0]!).click();
    await page.locator("summary", { hasText: /^Labels$/ }).click();
    // Click, then wait for the checked state: the box may show the change only once the page has applied it.
    const labelBox = page.getByRole("group", { name: "Labels of this conversation" }).getByLabel(label);
    await labelBox.click();
    await expect(labelBox).toBeChecked();
    await expect(page.getByTestId("conversation-labels").getByText(label)).toBeVisible();
    await expect(list.getByText(label)).toBeVisible();

    await page.getByLabel("Label", { exact: true }).selectOption({ label });
    await expect(page).toHaveURL(/label=/);
    await expect(row(names[0]!)).toBeVisible();
    await expect(list.getByRole("link")).toHaveCount(1);

    await page.goto("/inbox");
    await page.getByRole("searchbox", { name: "Search conversations" }).fill(`label:"${label}"`);
    await page.getByRole("searchbox", { name: "Search conversations" }).press("Enter");
    await expect(row(names[0]!)).toBeVisible();
    await expect(list.getByRole("link")).toHaveCount(1);
    await expectNoSeriousAxeViolations(page);
  });

  await test.step("five conversations are selected (a click, then shift-click) and resolved at once", async () => {
    await page.goto(connectionList);
    for (const name of names) await expect(row(name)).toBeVisible();
    // Newest first: Fay … Ann. Select Fay through Ben.
    await page.getByRole("checkbox", { name: `Select ${names[5]}` }).click();
    await page.getByRole("checkbox", { name: `Select ${names[1]}` }).click({ modifiers: ["Shift"] });
    const bar = page.getByRole("toolbar", { name: "Bulk actions" });
    await expect(bar.getByText("5 selected")).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("bulk-1280.png") });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: test.info().outputPath("bulk-390.png") });
    await page.setViewportSize({ width: 1280, height: 720 });
    await bar.getByRole("button", { name: "Resolve" }).click();
    await expect(bar.getByRole("status")).toHaveText("Resolved 5 conversations.");
    for (const name of names.slice(1)) await expect(row(name)).toHaveCount(0);
    await expect(row(names[0]!)).toBeVisible();
    await page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: "Resolved" }).click();
    for (const name of names.slice(1)) await expect(row(name)).toBeVisible();
  });

  await test.step("a snoozed conversation leaves the open list and comes back when the clock passes its time", async () => {
    await page.goto(connectionList);
    await row(names[0]!).click();
    await page.locator("summary", { hasText: /^Snooze$/ }).click();
    // Two minutes from now in the browser's own time zone, as the agent would type it.
    const inTwoMinutes = await page.evaluate(() => {
      const at = new Date(Date.now() + 2 * 60_000);
      const pad = (n: number) => String(n).padStart(2, "0");
      return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
    });
    await page.getByLabel("Until", { exact: true }).fill(inTwoMinutes);
    await page.getByRole("group", { name: "Snooze until" }).getByRole("button", { name: "Snooze" }).click();
    await expect(page.getByTestId("conversation-status")).toHaveText("Snoozed");
    await page.screenshot({ path: test.info().outputPath("snoozed-1280.png") });
    await expect(row(names[0]!)).toHaveCount(0);
    await page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: "Snoozed" }).click();
    await expect(row(names[0]!)).toBeVisible();

    await page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: "Open" }).click();
    await expect(row(names[0]!)).toHaveCount(0);
    await control(request, "/clock/advance", { ms: 4 * 60_000 });
    try {
      // The sweep runs every 5 seconds; the list follows the live stream.
      await expect(row(names[0]!)).toBeVisible({ timeout: 20_000 });
    } finally {
      // The clock is the whole server's: SunCo's times must agree with Sunbridge's again for the tests that follow.
      await control(request, "/clock/reset", {});
    }
  });

  await test.step("with the survey on, resolving sends a form the simulator answers, and the thread shows the rating", async () => {
    await page.goto("/settings/satisfaction");
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("Send the end user a satisfaction survey").check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
    try {
      const endUser = await context.newPage();
      await endUser.goto("/sandbox/simulator");
      await endUser.getByLabel("App", { exact: true }).selectOption(app.id);
      await endUser.getByText("New end user").click();
      await endUser.getByLabel("First name").fill("Gus");
      await endUser.getByLabel("Last name").fill(run);
      await endUser.getByRole("button", { name: "Create end user" }).click();
      // The app has other end users: write once the simulator has switched to the new one.
      await expect(endUser.locator("#simulator-user option:checked")).toHaveText(new RegExp(`Gus ${run}`));
      await endUser.getByRole("textbox", { name: "Message", exact: true }).fill("Thanks for the help");
      await endUser.getByRole("button", { name: "Send" }).click();
      await expect(endUser.getByRole("log", { name: "Messages" }).getByText("Thanks for the help")).toBeVisible();

      await page.goto("/inbox");
      await expect(row(`Gus ${run}.*Thanks for the help`)).toBeVisible();
      await row(`Gus ${run}`).click();
      await page.getByRole("button", { name: "Resolve" }).click();
      await expect(page.getByTestId("conversation-status")).toHaveText("Resolved");
      const thread = page.getByRole("log", { name: "Messages" });
      await expect(thread.getByText(/Satisfaction survey sent/)).toBeVisible();

      const form = endUser.getByRole("form", { name: "Form" });
      await form.getByLabel("How satisfied are you with this conversation?").selectOption("4");
      await form.getByLabel("Anything you want to tell us?").fill("Quick and kind");
      await form.getByRole("button", { name: "Submit" }).click();

      const rating = thread.getByTestId("satisfaction-rating");
      await expect(rating).toContainText("Rated 4 out of 5");
      await expect(rating).toContainText("Quick and kind");
      await page.screenshot({ path: test.info().outputPath("rating-1280.png") });
      // The answer reopens nothing.
      await expect(page.getByTestId("conversation-status")).toHaveText("Resolved");
    } finally {
      await page.goto("/settings/satisfaction");
      await page.getByLabel("Send nothing").check();
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByText("Saved.")).toBeVisible();
    }
  });
});
