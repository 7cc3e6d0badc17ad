// Onboarding against the sandbox mounted in the running app: OAuth connect, cancel, refused states, reconnect,
// a token SunCo stops accepting, and disconnect — each checked in Sunbridge's UI and in the sandbox itself.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createTenantApp, signUp } from "./support";

const SANDBOX = "/sandbox/sc";

async function sandboxWebhooks(request: APIRequestContext, appId: string) {
  const body = (await (await request.get(`${SANDBOX}/_control/apps/${appId}/webhooks`)).json()) as {
    webhooks: { id: string; target: string }[];
  };
  return body.webhooks;
}

/** A button clicked before React hydrates the page does nothing; wait until the page has settled. */
async function settled(page: Page) {
  await page.waitForLoadState("networkidle");
}

async function consent(page: Page, appName: string, decision: "Allow" | "Deny") {
  await page.getByRole("radio", { name: new RegExp(appName) }).check();
  await page.getByRole("button", { name: decision }).click();
}

test("a tenant connects, cancels, reconnects, loses access and disconnects", async ({ page, request }) => {
  const appName = `Onboarding Co ${Date.now()}`;
  const app = await createTenantApp(request, appName);

  await signUp(page, { name: "Olga Onboarder", organization: "Onboarding Partner", emailPrefix: "onboarding" });
  await page.getByRole("link", { name: "Connections" }).click();

  // Deny: "cancelled", nothing stored.
  await page.getByRole("button", { name: "Connect Zendesk" }).click();
  await consent(page, appName, "Deny");
  await expect(page.getByRole("status").filter({ hasText: /\S/ })).toContainText("Connection cancelled");
  await expect(page.getByTestId("connection-state")).toHaveCount(0);

  // Allow: active, exactly one webhook at SunCo, pointing at this connection. Keep the callback URL to replay it.
  let callbackUrl = "";
  const recordCallback = (request: { url(): string }) => {
    if (request.url().includes("/api/oauth/sunco/callback?")) callbackUrl = request.url();
  };
  page.on("request", recordCallback);
  await page.getByRole("button", { name: "Connect Zendesk" }).click();
  await consent(page, appName, "Allow");
  await expect(page.getByRole("status").filter({ hasText: /\S/ })).toContainText(`Connected ${appName}`);
  await expect(page.getByTestId("connection-state")).toHaveText("Active");
  const card = page.getByRole("article").filter({ hasText: appName });
  const connectionId = await card.getAttribute("data-connection-id");
  let webhooks = await sandboxWebhooks(request, app.id);
  expect(webhooks).toHaveLength(1);
  expect(webhooks[0]!.target).toMatch(new RegExp(`/api/webhooks/sunco/${connectionId}$`));
  page.off("request", recordCallback);
  expect(callbackUrl).toMatch(/code=.+&state=|state=.+&code=/);

  // A replayed or tampered state is refused and stores nothing.
  await page.goto(callbackUrl);
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("already used");
  await page.goto(callbackUrl.replace(/state=[^&]+/, "state=forged-state-value"));
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("not one Sunbridge started");
  await expect(page.getByTestId("connection-state")).toHaveCount(1);

  // Reconnect: still one connection and one webhook.
  await page.getByRole("button", { name: "Connect Zendesk" }).click();
  await consent(page, appName, "Allow");
  await expect(page.getByRole("status").filter({ hasText: /\S/ })).toContainText(`Reconnected ${appName}`);
  await expect(page.getByTestId("connection-state")).toHaveCount(1);
  webhooks = await sandboxWebhooks(request, app.id);
  expect(webhooks).toHaveLength(1);

  // SunCo stops accepting the token: the next call answers 401 and the connection needs reconnecting.
  const fault = await request.post(`${SANDBOX}/_control/faults`, {
    data: { match: { method: "GET", path: "/v2/tokenInfo", appId: app.id }, times: 1, respond: { status: 401 } },
  });
  expect(fault.ok()).toBe(true);
  await settled(page);
  await card.getByRole("button", { name: "Test connection" }).click();
  await expect(card.getByTestId("connection-state")).toHaveText("Needs reconnecting");
  await expect(card.getByRole("button", { name: "Reconnect" })).toBeVisible();
  await settled(page);
  await card.getByRole("button", { name: "Reconnect" }).click();
  await consent(page, appName, "Allow");
  await expect(page.getByTestId("connection-state")).toHaveText("Active");

  // Disconnect: the token is revoked at SunCo and the webhook is gone; the row stays, disconnected.
  await settled(page);
  page.once("dialog", (dialog) => void dialog.accept());
  await card.getByRole("button", { name: "Disconnect" }).click();
  await expect(card.getByTestId("connection-state")).toHaveText("Disconnected");
  expect(await sandboxWebhooks(request, app.id)).toHaveLength(0);
  const grants = (await (await request.get(`${SANDBOX}/_control/apps/${app.id}/authorizations`)).json()) as {
    authorizations: unknown[];
  };
  expect(grants.authorizations).toEqual([]);

  // Every step is in the audit log.
  await page.goto("/settings/audit?action=connection.");
  for (const action of ["connection.connected", "connection.reconnected", "connection.state_changed", "connection.disconnected"]) {
    await expect(page.getByRole("cell", { name: action }).first()).toBeVisible();
  }
});
