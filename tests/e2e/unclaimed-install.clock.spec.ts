// An install begun in Zendesk that nobody claims is revoked at SunCo once its hour has passed on the sandbox's clock.
// The clock is the whole server's: this spec runs in its own project, after every other one (playwright.config.ts),
// so no other spec sees SunCo's times an hour ahead of Sunbridge's.
import { expect, test } from "@playwright/test";
import { createTenantApp } from "./support";

const CONTROL = "/sandbox/sc/_control";
/** Housekeeping, which revokes expired installations, runs once a minute in the server. */
const HOUSEKEEPING_ROUND_MS = 60_000;

test("an install begun in Zendesk and left unclaimed is revoked at SunCo when its hour has passed", async ({ page, request }) => {
  test.setTimeout(3 * HOUSEKEEPING_ROUND_MS);
  const app = await createTenantApp(request, `Unclaimed Tenant ${Date.now()}`);
  const authorizations = async () => {
    const response = await request.get(`${CONTROL}/apps/${app.id}/authorizations`);
    expect(response.ok(), await response.text()).toBe(true);
    return ((await response.json()) as { authorizations: unknown[] }).authorizations.length;
  };
  const fixtures = (await (await request.get(`${CONTROL}/fixtures`)).json()) as { oauthClients: { clientId: string }[] };
  await page.goto(`/sandbox/sc/oauth/install?client_id=${fixtures.oauthClients[0]!.clientId}`);
  await page.getByRole("radio", { name: new RegExp(app.displayName) }).check();
  await page.getByRole("button", { name: "Install" }).click();
  // The code was traded at once: the token exists at SunCo while the installation waits for someone to sign in.
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await authorizations()).toBe(1);

  const advanced = await request.post(`${CONTROL}/clock/advance`, { data: { ms: 61 * 60_000 } });
  expect(advanced.ok()).toBe(true);
  try {
    await expect.poll(authorizations, { timeout: 2 * HOUSEKEEPING_ROUND_MS, intervals: [2_000] }).toBe(0);
  } finally {
    await request.post(`${CONTROL}/clock/reset`, { data: {} });
  }
});
