// Settings → API keys in the browser (create, the secret shown once, revoke with confirmation) and the key working
// against /api/v1 until it is revoked; /docs/api renders the reference from the app's own files under the policy.
import { expect, test } from "@playwright/test";
import { DEMO_OWNER, policyViolations, signIn } from "./support";

test("an owner creates an API key, the backend uses it, and a revoked key stops at once", async ({ page, request }, testInfo) => {
  await signIn(page, DEMO_OWNER);
  await expect(page).not.toHaveURL(/sign-in/);
  await page.goto("/settings/api-keys");
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  const name = `E2E backend ${Date.now()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("checkbox", { name: /^send/ }).check();
  await page.getByRole("button", { name: "Create API key" }).click();
  const secret = page.getByRole("textbox", { name: `The API key ${name}` });
  await expect(secret).toHaveValue(/^sbk_[a-z0-9]{12}_[\w-]{43}$/);
  const key = await secret.inputValue();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("read, send");
  await expect(row).toContainText("Active");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: testInfo.outputPath("api-keys-1280.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath("api-keys-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  const list = () => request.get("/api/v1/conversations", { headers: { authorization: `Bearer ${key}` } });
  const answer = await list();
  expect(answer.status(), await answer.text()).toBe(200);
  expect(answer.headers()["ratelimit-limit"]).toBeTruthy();

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("Revoked");
  const refused = await list();
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
});

test("the API reference renders from the app's own files without a policy violation", async ({ page, context }, testInfo) => {
  const violations = await policyViolations(context);
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { name: "Sunbridge API", level: 1, exact: true })).toBeVisible();
  await expect(page.locator("#problem-not-found")).toContainText("/docs/api#problem-not-found");
  await expect(page.getByText("/api/v1/conversations/{conversationId}/messages").first()).toBeVisible({ timeout: 15_000 });
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: testInfo.outputPath("docs-api-1280.png"), fullPage: false });
  await page.locator("#swagger-ui").screenshot({ path: testInfo.outputPath("docs-api-operations-1280.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath("docs-api-390.png"), fullPage: false });
  expect(violations).toEqual([]);
});
