// The browser's side of the security headers: every main page runs under the Content-Security-Policy without one
// violation (scripts, styles, the live stream, images, the sandbox's consent page and simulator, a download), and
// pages, API answers and static files all carry the headers.
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { createTenantApp, policyViolations, signUpAndConnect } from "./support";

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005000201e2b3a5b70000000049454e44ae426082",
  "hex",
);

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  await page.waitForLoadState("networkidle");
  return response;
}

function expectSecurityHeaders(response: APIResponse | { headers(): Record<string, string> }, what: string) {
  const headers = response.headers();
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("same-origin");
  // APP_URL is http here: no HSTS (tests/unit/security-headers.test.ts covers https).
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

test("pages, API answers, static files and the sandbox's pages carry the security headers; Next.js's scripts carry the nonce", async ({ request }) => {
  const signIn = await request.get("/sign-in");
  expectSecurityHeaders(signIn, "page");
  const policy = signIn.headers()["content-security-policy"]!;
  expect(policy).toContain("frame-ancestors 'none'");
  const nonce = policy.match(/'nonce-([^']+)'/)![1];
  const html = await signIn.text();
  const scripts = html.match(/<script\b[^>]*>/g)!;
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  expect((await request.get("/sign-in")).headers()["content-security-policy"]).not.toContain(nonce);

  expectSecurityHeaders(await request.get("/api/health"), "API");
  expectSecurityHeaders(await request.get("/favicon.svg"), "public file");
  expectSecurityHeaders(await request.get(html.match(/src="(\/_next\/static\/[^"]+\.js)"/)![1]!), "Next.js chunk");
  const consent = await request.get("/sandbox/sc/oauth/authorize?client_id=sunbridge-sandbox&response_type=code");
  expectSecurityHeaders(consent, "sandbox page");
  expect(consent.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("the main pages run under the policy without a single violation", async ({ page, context, request }) => {
  test.setTimeout(180_000);
  const violations = await policyViolations(context);

  await test.step("the policy is enforced and every violation reaches this test", async () => {
    await visit(page, "/sign-in");
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="data:," onerror="window.injected = true">`));
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    violations.length = 0;
  });

  await test.step("signed out: sign-in and sign-up", async () => {
    await visit(page, "/sign-in");
    await visit(page, "/sign-up");
  });

  await test.step("the sandbox's consent page, styled by its own stylesheet", async () => {
    await visit(page, "/sandbox/sc/oauth/authorize?client_id=sunbridge-sandbox&response_type=code");
    await expect(page.getByRole("button", { name: "Allow" })).toBeVisible();
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(245, 247, 250)");
  });

  const app = await createTenantApp(request, `Policy Co ${Date.now()}`);
  await test.step("connecting through the consent page", async () => {
    await signUpAndConnect(page, app.displayName, { name: "Pat Policy", organization: "Policy Partner", emailPrefix: "policy" });
  });

  await test.step("an end user's image reaches the inbox live, and loads without a Referer on both sides", async () => {
    await visit(page, "/inbox");
    const endUser = await context.newPage();
    await visit(endUser, "/sandbox/simulator");
    await endUser.getByLabel("App", { exact: true }).selectOption(app.id);
    await endUser.getByText("New end user").click();
    await endUser.getByLabel("First name").fill("Pia");
    await endUser.getByLabel("Last name").fill("Policy");
    await endUser.getByRole("button", { name: "Create end user" }).click();
    await endUser.getByRole("textbox", { name: "Message", exact: true }).fill("My parcel, as it arrived");
    await endUser.getByRole("button", { name: "Send" }).click();
    await expect(endUser.getByRole("log", { name: "Messages" }).getByText("My parcel, as it arrived")).toBeVisible();
    await endUser.getByLabel("Attach a file").setInputFiles({ name: "parcel.png", mimeType: "image/png", buffer: PNG });
    const sent = endUser.getByRole("log", { name: "Messages" }).getByRole("img");
    await expect(sent).toBeVisible();
    await expect(sent).toHaveAttribute("referrerpolicy", "no-referrer");

    await page.getByRole("link", { name: /Pia Policy/ }).click();
    const received = page.getByRole("log", { name: "Messages" }).getByRole("img");
    await expect(received).toBeVisible();
    await expect(received).toHaveAttribute("referrerpolicy", "no-referrer");
    expect(await received.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1);
    await visit(endUser, "/sandbox/deliveries");
    await endUser.close();
  });

  await test.step("connections, a connection's tabs, settings, a missing page", async () => {
    await visit(page, "/connections");
    await page.getByRole("link", { name: new RegExp(`^Manage ${app.displayName}`) }).click();
    await expect(page).toHaveURL(/\/webhooks$/);
    const connection = page.url().replace(/\/webhooks$/, "");
    for (const tab of ["webhooks", "integrations", "switchboard", "app", "events"]) await visit(page, `${connection}/${tab}`);
    await visit(page, "/settings/members");
    await visit(page, "/settings/saved-replies");
    await visit(page, "/nothing-lives-here");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  await test.step("the audit log, and its CSV download", async () => {
    await visit(page, "/settings/audit");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  });

  expect(violations).toEqual([]);
});
