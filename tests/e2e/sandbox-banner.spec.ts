// The end-to-end server is a production instance with the sandbox on (scripts/e2e-server.ts): every page says so.
import { expect, test } from "@playwright/test";
import { DEMO_OWNER, signIn } from "./support";

const BANNER = "SunCo sandbox enabled: not for real tenants.";

test("a production instance running the sandbox says so on the auth pages, the app's pages and the simulator", async ({ page }) => {
  for (const path of ["/sign-in", "/sign-up"]) {
    await page.goto(path);
    await expect(page.getByText(BANNER), path).toBeVisible();
  }
  await signIn(page, DEMO_OWNER);
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByText(BANNER)).toBeVisible();
  for (const path of ["/connections", "/sandbox/simulator", "/sandbox/deliveries"]) {
    await page.goto(path);
    await expect(page.getByText(BANNER), path).toBeVisible();
  }
});
