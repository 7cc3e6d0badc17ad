// Connect links and installs begun in Zendesk, in the browser: the seeded owner creates a link on the Connections page;
// a visitor without a Sunbridge session opens it, allows on the sandbox's consent page and lands on the success page;
// the partner sees the connection with its externalId and a local receiver gets connection.created. A second use, a
// revoked and an expired link each show their page and connect nothing. Then an install started from the sandbox's
// "Install from Zendesk" page is claimed after signing in. The page shows the logo the owner uploads.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createTenantApp, DEMO_OWNER, signIn } from "./support";

async function expectNoSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** An API key of the seeded organization with the manage scope, made on Settings → API keys. */
async function manageKey(page: Page, name: string) {
  await page.goto("/settings/api-keys");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("checkbox", { name: /^read/ }).uncheck();
  await page.getByRole("checkbox", { name: /^manage/ }).check();
  await page.getByRole("button", { name: "Create API key" }).click();
  return page.getByLabel(`The API key ${name}`).inputValue();
}

async function createLinkInUi(page: Page, externalId: string) {
  await page.goto("/connections");
  await page.getByText("Create a connect link").click();
  // The create form's field, not a connection's own "External id" (a connection made by an earlier test has one).
  await page.locator("details").filter({ hasText: "Create a connect link" }).getByLabel("External id", { exact: true }).fill(externalId);
  await page.getByRole("button", { name: "Create connect link" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Link for ${externalId}` })).toBeVisible();
  return page.getByLabel("The connect link").inputValue();
}

const api = (key: string) => ({ authorization: `Bearer ${key}` });

/** A 1×1 PNG, for the connect page's logo. */
const PNG_1PX = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

test("a customer connects through a connect link without an account; used, revoked and expired links connect nothing", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const app = await createTenantApp(request, `Link Tenant ${stamp}`);
  const externalId = `acme-${stamp}`;
  const received: { type: string; data: { connection: { appId: string } } }[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push(JSON.parse(body));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  let endpointId: string | undefined;
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, DEMO_OWNER);
  await expect(page).toHaveURL(/\/inbox/);
  const key = await manageKey(page, `Connect links ${stamp}`);
  try {
    const endpoint = await request.post("/api/v1/event-endpoints", {
      headers: api(key),
      data: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`, description: "connect links e2e", eventTypes: ["connection.created"] },
    });
    expect(endpoint.status(), await endpoint.text()).toBe(201);
    endpointId = ((await endpoint.json()) as { endpoint: { id: string } }).endpoint.id;
    // Made first, as short as allowed, so that it has expired by the time the test looks at it.
    const expiring = await request.post("/api/v1/connect-sessions", { headers: api(key), data: { externalId: `${externalId}-late`, expiresInSeconds: 30 } });
    expect(expiring.status(), await expiring.text()).toBe(201);
    const expiredUrl = ((await expiring.json()) as { url: string }).url;

    const url = await createLinkInUi(page, externalId);
    expect(url).toMatch(/\/connect\/scl_[\w-]{43}$/);
    const revokedUrl = await createLinkInUi(page, `${externalId}-revoked`);
    await page.screenshot({ path: test.info().outputPath("connect-links-1280.png"), fullPage: true });

    await test.step("the visitor, with no session: link → consent → Allow → success page", async () => {
      const visitor = await browser.newContext();
      const tab = await visitor.newPage();
      await tab.goto(url);
      await expect(tab.getByRole("heading", { name: /Connect your Zendesk to / })).toBeVisible();
      await expect(tab.getByRole("heading", { name: "What will be shared" })).toBeVisible();
      await expectNoSeriousAxeViolations(tab);
      await tab.setViewportSize({ width: 390, height: 844 });
      await tab.screenshot({ path: test.info().outputPath("connect-link-page-390.png"), fullPage: true });
      await tab.getByRole("button", { name: "Connect with Zendesk" }).click();
      await tab.getByRole("radio", { name: new RegExp(app.displayName) }).check();
      await tab.getByRole("button", { name: "Allow" }).click();
      await expect(tab.getByRole("heading", { name: "Connected" })).toBeVisible();
      await expect(tab.getByRole("status")).toContainText(`${app.displayName} is now connected`);
      await expectNoSeriousAxeViolations(tab);

      // The second use.
      await tab.goto(url);
      await expect(tab.getByRole("heading", { name: "This link was used" })).toBeVisible();
      await expect(tab.getByRole("button", { name: "Connect with Zendesk" })).toHaveCount(0);
      await visitor.close();
    });

    await test.step("the partner sees the connection with its externalId, and its receiver got connection.created", async () => {
      await page.goto("/connections");
      const card = page.getByRole("article", { name: app.displayName });
      await expect(card).toContainText(`external id ${externalId}`);
      await expect(card.getByTestId("connection-state")).toHaveText("Active");
      await expect.poll(() => received.filter((event) => event.type === "connection.created" && event.data.connection.appId === app.id).length, { timeout: 15_000 }).toBe(1);
      const row = page.getByRole("row").filter({ hasText: externalId }).filter({ hasNotText: "revoked" }).filter({ hasNotText: "late" });
      await expect(row.getByTestId("connect-link-state")).toHaveText("Used");
    });

    await test.step("a revoked link and an expired one show their pages and connect nothing", async () => {
      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("button", { name: `Revoke the link for ${externalId}-revoked` }).click();
      await expect(page.getByRole("row").filter({ hasText: `${externalId}-revoked` }).getByTestId("connect-link-state")).toHaveText("Revoked");
      const visitor = await browser.newContext();
      const tab = await visitor.newPage();
      await tab.goto(revokedUrl);
      await expect(tab.getByRole("heading", { name: "This link was withdrawn" })).toBeVisible();
      await expect(tab.getByRole("button", { name: "Connect with Zendesk" })).toHaveCount(0);
      await expect
        .poll(async () => {
          await tab.goto(expiredUrl);
          return tab.getByRole("heading", { level: 1 }).textContent();
        }, { timeout: 45_000, intervals: [5_000] })
        .toBe("This link has expired");
      await tab.goto(`${new URL(url).origin}/connect/scl_not-a-link`);
      await expect(tab.getByText("This link is not valid. Check that you copied all of it.")).toBeVisible();
      await visitor.close();
      const sessions = await request.get("/api/v1/connect-sessions", { headers: api(key) });
      const items = ((await sessions.json()) as { items: { externalId: string; state: string; connectionId: string | null }[] }).items;
      expect(items.find((item) => item.externalId === `${externalId}-late`)).toMatchObject({ state: "expired", connectionId: null });
      expect(items.find((item) => item.externalId === `${externalId}-revoked`)).toMatchObject({ state: "revoked", connectionId: null });
    });
  } finally {
    if (endpointId) await request.delete(`/api/v1/event-endpoints/${endpointId}`, { headers: api(key) });
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
});

test("the connect page shows the logo an owner uploaded; an SVG is refused with its reason", async ({ page, browser }) => {
  await signIn(page, DEMO_OWNER);
  await expect(page).toHaveURL(/\/inbox/);
  await page.goto("/settings/connect-links");
  const input = page.getByLabel("Logo", { exact: true });
  // Alerts with something to say (Next's route announcer is an empty one).
  const alerts = page.getByRole("alert").filter({ hasText: /\S/ });
  try {
    await input.setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    await page.getByRole("button", { name: "Upload logo" }).click();
    // Said once, beside the field.
    await expect(alerts).toHaveText(["The logo must be a PNG, JPEG, GIF or WebP image."]);
    await input.setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG_1PX });
    await page.getByRole("button", { name: "Upload logo" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Logo saved." })).toBeVisible();
    await expect(alerts).toHaveCount(0);
    await expect(page.getByRole("img", { name: /logo$/ })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: test.info().outputPath("connect-logo-settings.png"), fullPage: true });
    const url = await createLinkInUi(page, `logo-${Date.now()}`);

    const visitor = await browser.newContext();
    const tab = await visitor.newPage();
    await tab.goto(url);
    const logo = tab.getByRole("img", { name: /logo$/ });
    await expect(logo).toBeVisible();
    expect(await logo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);
    await expectNoSeriousAxeViolations(tab);
    await tab.screenshot({ path: test.info().outputPath("connect-logo-page.png"), fullPage: true });
    // On a phone: the logo and the page fit the width.
    await tab.setViewportSize({ width: 390, height: 844 });
    expect(await tab.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth)).toBe(0);
    await expect(logo).toBeVisible();
    await tab.screenshot({ path: test.info().outputPath("connect-logo-page-390.png"), fullPage: true });
    await visitor.close();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/settings/connect-links");
    await page.screenshot({ path: test.info().outputPath("connect-logo-settings-390.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  } finally {
    // The logo goes again, whatever happened above, as the other specs expect the seeded organization.
    await page.goto("/settings/connect-links");
    if (await page.getByRole("button", { name: "Remove logo" }).isVisible()) {
      await page.getByRole("button", { name: "Remove logo" }).click();
      await expect(page.getByText("No logo: the connect page shows your organization's name only.")).toBeVisible();
      await expect(page.getByRole("status").filter({ hasText: "Logo removed." })).toBeVisible();
      await expect(input).toBeFocused();
    }
  }
});

test("an install started from Zendesk waits for a signed-in admin to choose its organization", async ({ page, request }) => {
  const app = await createTenantApp(request, `Install Tenant ${Date.now()}`);
  const fixtures = (await (await request.get("/sandbox/sc/_control/fixtures")).json()) as { oauthClients: { clientId: string }[] };
  await page.goto(`/sandbox/sc/oauth/install?client_id=${fixtures.oauthClients[0]!.clientId}`);
  await page.getByRole("radio", { name: new RegExp(app.displayName) }).check();
  await page.getByRole("button", { name: "Install" }).click();
  // No session: signing in comes first, then the page that asks for the organization.
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(DEMO_OWNER.email);
  await page.getByLabel("Password").fill(DEMO_OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: `Finish installing ${app.displayName}` })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("button", { name: `Connect ${app.displayName}` }).click();
  await expect(page).toHaveURL(/\/connections\?connected=/);
  await expect(page.getByRole("status").filter({ hasText: `Connected ${app.displayName}` })).toBeVisible();
  await expect(page.getByRole("article", { name: app.displayName }).getByTestId("connection-state")).toHaveText("Active");
  // Claimed: the page has nothing waiting any more.
  await page.goto("/install");
  await expect(page.getByRole("heading", { name: "No installation waiting" })).toBeVisible();
});
