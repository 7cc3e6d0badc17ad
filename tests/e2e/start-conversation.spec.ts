// An agent writes first, as the demo organization's owner (no sign-up) on a tenant app of this test's own: a template
// saved in Settings → Templates; a conversation started with a new end user known by email; and one started with a
// phone number over the app's WhatsApp channel, linked (pending → linked) before its template goes out; a free-form reply
// there refused by WhatsApp's 24-hour window, and the composer offering the templates. The simulator shows both end
// users the messages, the templates filled in with their parameters.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { connectSandboxApp, createTenantApp, DEMO_OWNER, signIn } from "./support";

async function expectNoSeriousAxeViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]);
  const { violations } = await (include ? builder.include(include) : builder).analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** The tenant's admin adds a WhatsApp channel to the app (with the account key of whichever seeded account owns it). */
async function addWhatsapp(request: APIRequestContext, appId: string): Promise<string> {
  const fixtures = (await (await request.get("/sandbox/sc/_control/fixtures")).json()) as { accounts: { accountKeys: { id: string; secret: string }[] }[] };
  for (const account of fixtures.accounts) {
    const key = account.accountKeys[0]!;
    const headers = { authorization: `Basic ${Buffer.from(`${key.id}:${key.secret}`).toString("base64")}` };
    const response = await request.post(`/sandbox/sc/v2/apps/${appId}/integrations`, { headers, data: { type: "whatsapp", displayName: "WhatsApp" } });
    if (response.status() === 201) return ((await response.json()) as { integration: { id: string } }).integration.id;
  }
  throw new Error("No seeded account could add a WhatsApp integration to the app");
}

/** The simulator, showing `endUser`'s conversation in `appName`. */
async function simulatorFor(page: Page, appName: string, endUser: string) {
  await page.goto("/sandbox/simulator");
  const app = await page.locator("#simulator-app option", { hasText: appName }).getAttribute("value");
  await page.getByLabel("App").selectOption(app!);
  const user = await page.locator("#simulator-user option", { hasText: endUser }).getAttribute("value");
  await page.getByLabel("End user", { exact: true }).selectOption(user!);
  return page.getByRole("log", { name: "Messages" });
}

test("an agent starts conversations: with a new end user by email, and with a phone number over WhatsApp sending a template", async ({ page, request }) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const app = await createTenantApp(request, `Outreach Co ${run}`);
  const whatsappId = await addWhatsapp(request, app.id);
  await signIn(page, DEMO_OWNER);
  await expect(page).toHaveURL(/\/inbox$/);
  await connectSandboxApp(page, app.displayName);

  const title = `Order shipped ${run}`;
  await test.step("an owner saves a WhatsApp template in Settings → Templates", async () => {
    await page.goto("/settings/templates");
    const add = page.getByRole("region", { name: "Add a template" });
    await add.getByLabel("Title").fill(title);
    await add.getByLabel("WhatsApp template name").fill("order_update");
    await add.getByLabel("Language").fill("en");
    await add.getByLabel("Parameters").fill("body: Order number = #1\nbody: Arrives on");
    await add.getByRole("button", { name: "Add template" }).click();
    await expect(page.getByRole("region", { name: title })).toContainText("order_update · en · 2 parameters");
    await expectNoSeriousAxeViolations(page);
  });

  const dialog = page.getByRole("dialog", { name: "New conversation" });
  const openDialog = async () => {
    await page.goto("/inbox");
    await page.screenshot({ path: `test-results/start-conversation-inbox-${page.viewportSize()!.width}.png` });
    await page.getByRole("button", { name: "New conversation" }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Connection").selectOption({ label: app.displayName });
  };

  const email = `ines-${run}@example.test`;
  await test.step("a new end user known by email: the conversation opens with the message", async () => {
    await openDialog();
    await expectNoSeriousAxeViolations(page, "dialog");
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Given name").fill("Ines");
    await dialog.getByLabel("Surname").fill(run);
    await dialog.getByLabel("Message", { exact: true }).fill(`Hello Ines, your order ${run} is ready.`);
    await dialog.getByRole("button", { name: "Start conversation" }).click();
    await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: `Ines ${run}` })).toBeVisible();
    await expect(page.getByRole("log", { name: "Messages" }).getByText(`Hello Ines, your order ${run} is ready.`)).toBeVisible();
  });

  const phone = `+1 514 555 ${String(Date.now() % 10_000).padStart(4, "0")}`;
  await test.step("a phone number over WhatsApp: linked, then the template goes out with its parameters", async () => {
    await openDialog();
    await dialog.getByLabel("External id").fill(`wa-${run}`);
    await dialog.getByLabel("Given name").fill("Wanda");
    await dialog.getByLabel("Surname").fill(run);
    await dialog.getByLabel("Reach them").selectOption("whatsapp");
    await dialog.getByLabel("Phone number").fill(phone);
    // An OAuth connection cannot list the app's channels: the agent gives the integration's id.
    await dialog.getByLabel("Integration id").fill(whatsappId);
    await dialog.getByRole("radio", { name: "Template" }).check();
    await dialog.getByRole("combobox", { name: "Template" }).selectOption({ label: `${title} (order_update, en)` });
    await expect(dialog.getByLabel(/Order number/)).toHaveValue("#1");
    await dialog.getByLabel(/Order number/).fill(`#${run}`);
    await dialog.getByLabel(/Arrives on/).fill("Friday");
    await expectNoSeriousAxeViolations(page, "dialog");
    await dialog.getByRole("button", { name: "Start conversation" }).click();
    await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
    const link = page.getByTestId("channel-link");
    await expect(link).toHaveAttribute("data-state", "linked", { timeout: 20_000 });
    await expect(link).toContainText(`WhatsApp ${phone} is linked`);
    // The side panel follows without a reload: the channel is no longer pending.
    const channels = page.getByRole("complementary", { name: "Conversation details" }).getByRole("region", { name: "Channels" });
    await expect(channels).toContainText("WhatsApp");
    await expect(channels).not.toContainText("pending");
    await expect(page.getByRole("log", { name: "Messages" })).toContainText(`#${run} · Friday`);
  });

  await test.step("WhatsApp refuses a free-form reply outside its 24-hour window: the composer says why and sends a template", async () => {
    const composer = page.getByRole("form", { name: "Composer" });
    await composer.getByRole("textbox", { name: "Reply" }).fill("Are you there?");
    await composer.getByRole("button", { name: "Send", exact: true }).click();
    const refusal = composer.getByRole("status").filter({ hasText: "The channel refused the last reply" });
    await expect(refusal).toContainText("#131047", { timeout: 20_000 });
    await refusal.getByRole("button", { name: "Send a template" }).click();
    await composer.getByLabel(/Order number/).fill("#2");
    await composer.getByLabel(/Arrives on/).fill("Monday");
    await page.screenshot({ path: "test-results/start-conversation-template-1280.png" });
    await composer.getByRole("button", { name: "Send template" }).click();
    await expect(page.getByRole("log", { name: "Messages" })).toContainText("#2 · Monday");
    await expect(refusal).toHaveCount(0);
  });

  await test.step("the simulator shows both end users the messages, the template filled in", async () => {
    let log = await simulatorFor(page, app.displayName, `Ines ${run}`);
    await expect(log.getByText(`Hello Ines, your order ${run} is ready.`)).toBeVisible();
    log = await simulatorFor(page, app.displayName, `Wanda ${run}`);
    await expect(log.getByLabel("WhatsApp template order_update").first()).toContainText(`Your order #${run} has shipped and should arrive on Friday.`);
    await expect(log.getByLabel("WhatsApp template order_update").last()).toContainText("Your order #2 has shipped and should arrive on Monday.");
  });

  await test.step("on a phone, the dialog fits the screen and passes axe", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openDialog();
    const box = await dialog.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    await dialog.getByRole("button", { name: "Start conversation" }).scrollIntoViewIfNeeded();
    await expect(dialog.getByRole("button", { name: "Start conversation" })).toBeInViewport();
    await expectNoSeriousAxeViolations(page, "dialog");
    await page.screenshot({ path: "test-results/new-conversation-390.png" });
  });
});
