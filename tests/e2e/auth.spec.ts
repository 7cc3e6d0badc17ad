import { expect, test } from "@playwright/test";
import { DEMO_AGENT, DEMO_OWNER, signIn, signOut, uniqueEmail } from "./support";

test("sign up, sign out, and sign back in", async ({ page }) => {
  const email = uniqueEmail("founder");
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Frida Founder");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a very long password");
  await page.getByLabel("Organization name").fill("Founders Inc");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();
  await expect(page.getByText("Founders Inc").first()).toBeVisible();

  await signOut(page);
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Finbox$/);

  await signIn(page, { email, password: "wrong password here" });
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("That email and password don't match an account.");
  await page.getByLabel("Password").fill("a very long password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
});

test("a protected page sends a signed-out visitor to sign-in, and back afterwards", async ({ page }) => {
  const response = await page.goto("/settings/members");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings%2Fmembers$/);
  await page.getByLabel("Email").fill(DEMO_OWNER.email);
  await page.getByLabel("Password").fill(DEMO_OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings\/members$/);
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
});

test("an agent cannot open an owner-only page", async ({ page }) => {
  await signIn(page, DEMO_AGENT);
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole("link", { name: "Members" })).toHaveCount(0);
  const response = await page.goto("/settings/members");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByText("owner@demo.sunbridge.test")).toHaveCount(0);
});

test("an invite link works exactly once", async ({ page }) => {
  await signIn(page, DEMO_OWNER);
  await expect(page).toHaveURL(/\/inbox$/);
  await page.getByRole("link", { name: "Members" }).click();
  await page.getByLabel("Invite as").selectOption("agent");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invite\/[\w-]+$/);
  await signOut(page);

  const invitee = uniqueEmail("invitee");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Join Demo Partner" })).toBeVisible();
  await page.getByLabel("Your name").fill("Ivy Invitee");
  await page.getByLabel("Email").fill(invitee);
  await page.getByLabel("Password").fill("invitee long password");
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByText("Demo Partner").first()).toBeVisible();
  await signOut(page);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Invitation unavailable" })).toBeVisible();
  await expect(page.getByText("This invite link has already been used.")).toBeVisible();
});

test("after signing in, only a path on this site is returned to", async ({ page, baseURL }) => {
  await signIn(page, DEMO_AGENT, "/sign-in?callbackUrl=/.//evil.example");
  await expect(page).toHaveURL(/\/inbox$/);

  // Signed in, the page sends the browser on at once: to the inbox, whatever off-site path it was given.
  const offSite = [
    "/.//evil.example",
    "/..//evil.example",
    "/./\\evil.example",
    "//evil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%09/evil.example",
  ];
  // As typed in the address bar, and encoded as a link would carry them.
  const queries = [...offSite, ...offSite.map(encodeURIComponent)].map((path) => `callbackUrl=${path}`);
  for (const query of queries) {
    const response = await page.request.get(`/sign-in?${query}`, { maxRedirects: 0 });
    expect(response.status(), query).toBe(307);
    expect(new URL(response.headers().location!, baseURL).href, query).toBe(new URL("/inbox", baseURL).href);
  }
  const home = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent("/settings/saved-replies")}`, { maxRedirects: 0 });
  expect(new URL(home.headers().location!, baseURL).pathname).toBe("/settings/saved-replies");
});

test("the browser's session endpoint says who is signed in, not the session id", async ({ page }) => {
  await signIn(page, DEMO_AGENT);
  await expect(page).toHaveURL(/\/inbox$/);
  const session = (await (await page.request.get("/api/auth/session")).json()) as Record<string, unknown>;
  expect(Object.keys(session).sort()).toEqual(["expires", "user"]);
  expect(session.user).toMatchObject({ email: DEMO_AGENT.email });
});

test.describe("before the page's script runs", () => {
  test.use({ javaScriptEnabled: false });

  test("the sign-in and sign-up forms cannot send a password in the address", async ({ page }) => {
    for (const [path, button] of [
      ["/sign-in", "Sign in"],
      ["/sign-up", "Create account"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("button", { name: button })).toBeDisabled();
      await expect(page.locator("form")).toHaveAttribute("method", "post");
    }
  });
});
