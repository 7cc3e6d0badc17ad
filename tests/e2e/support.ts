// Shared steps for end-to-end tests.
import { expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";

export const DEMO_OWNER = { email: "owner@demo.sunbridge.test", password: "sunbridge-owner" };
export const DEMO_AGENT = { email: "agent@demo.sunbridge.test", password: "sunbridge-agent" };

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

export async function signIn(page: Page, login: { email: string; password: string }, path = "/sign-in") {
  await page.goto(path);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs up a new person with an organization of their own (its owner), landing in the inbox. */
export async function signUp(page: Page, person: { name: string; organization: string; emailPrefix: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Email").fill(uniqueEmail(person.emailPrefix));
  await page.getByLabel("Password").fill(`${person.emailPrefix} long password`);
  await page.getByLabel("Organization name").fill(person.organization);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/**
 * A SunCo app with a Web Messenger of its own in the mounted sandbox, so no other test's connection holds it (tests run
 * in parallel). SunCo allows an account 10 apps, so it is made in the first seeded account with room.
 */
export async function createTenantApp(request: APIRequestContext, name: string) {
  const fixtures = (await (await request.get("/sandbox/sc/_control/fixtures")).json()) as {
    accounts: { accountKeys: { id: string; secret: string }[] }[];
  };
  for (const account of fixtures.accounts) {
    const key = account.accountKeys[0]!;
    const headers = { authorization: `Basic ${Buffer.from(`${key.id}:${key.secret}`).toString("base64")}` };
    const response = await request.post("/sandbox/sc/v2/apps", { headers, data: { displayName: name } });
    if (response.status() === 402) continue; // this account is at its plan's limit
    expect(response.status(), await response.text()).toBe(201);
    const { app } = (await response.json()) as { app: { id: string; displayName: string } };
    // A Web Messenger, so the simulator's end users can write to it.
    const web = await request.post(`/sandbox/sc/v2/apps/${app.id}/integrations`, { headers, data: { type: "web", displayName: "Web" } });
    expect(web.status(), await web.text()).toBe(201);
    return app;
  }
  throw new Error(`Every seeded sandbox account is at SunCo's limit of apps; cannot create "${name}".`);
}

/** Signs up a new owner and connects the sandbox app named `appName` through the OAuth consent page. */
export async function signUpAndConnect(page: Page, appName: string, owner = { name: "Ada Agent", organization: "Inbox Partner", emailPrefix: "inbox" }) {
  await signUp(page, owner);
  await connectSandboxApp(page, appName);
}

/** The signed-in owner connects the sandbox app named `appName` through the OAuth consent page; its connection's id. */
export async function connectSandboxApp(page: Page, appName: string): Promise<string> {
  await page.goto("/connections");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Connect Zendesk" }).click();
  await page.getByRole("radio", { name: new RegExp(appName) }).check();
  await page.getByRole("button", { name: "Allow" }).click();
  const card = page.getByRole("article", { name: appName });
  await expect(card.getByTestId("connection-state")).toHaveText("Active");
  const manage = await card.getByRole("link", { name: /^Manage/ }).getAttribute("href");
  return manage!.split("/")[2]!;
}

/** Every violation any page of the context reports, across navigations, and every console line about one. */
export async function policyViolations(context: BrowserContext) {
  const violations: string[] = [];
  await context.exposeBinding("reportPolicyViolation", ({ page }, text: string) => void violations.push(`${page.url()}: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportPolicyViolation: (text: string) => void }).reportPolicyViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  context.on("console", (message) => {
    if (/content.security.policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  return violations;
}
