// Teams: an owner makes a team serving one of two connections and puts an agent in it; the agent's inbox then shows
// only that connection's conversations, the other's is not found, and the Teams page passes axe.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createTenantApp, signUpAndConnect, uniqueEmail } from "./support";

const SANDBOX = "/sandbox/sc";

async function expectNoSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** An end user named `givenName` writes `text` to the app, through the sandbox's control API. */
async function endUserWrites(request: APIRequestContext, appId: string, givenName: string, text: string) {
  const control = async <T>(path: string, data: object) => {
    const response = await request.post(`${SANDBOX}/_control${path}`, { data });
    expect(response.ok(), await response.text()).toBe(true);
    return (await response.json()) as T;
  };
  const { user } = await control<{ user: { id: string } }>(`/apps/${appId}/end-users`, { givenName });
  const { conversation } = await control<{ conversation: { id: string } }>(`/apps/${appId}/end-users/${user.id}/conversations`, {});
  await control(`/conversations/${conversation.id}/messages`, { userId: user.id, content: { type: "text", text } });
}

async function connect(page: Page, appName: string) {
  await page.goto("/connections");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Connect Zendesk" }).click();
  await page.getByRole("radio", { name: new RegExp(appName) }).check();
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page.getByRole("article", { name: appName }).getByTestId("connection-state")).toHaveText("Active");
}

test("an agent in a team sees only the conversations of the connections their team serves", async ({ page, browser, request }) => {
  const stamp = Date.now();
  const served = await createTenantApp(request, `Served Co ${stamp}`);
  const other = await createTenantApp(request, `Other Co ${stamp}`);
  await signUpAndConnect(page, served.displayName, { name: "Olga Owner", organization: "Teams Partner", emailPrefix: "teams-owner" });
  await connect(page, other.displayName);

  // An agent joins through an invite.
  await page.goto("/settings/members");
  await page.getByLabel("Invite as").selectOption("agent");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await agent.goto(link);
  await agent.getByLabel("Your name").fill("Tara Teamagent");
  await agent.getByLabel("Email").fill(uniqueEmail("teams-agent"));
  await agent.getByLabel("Password").fill("teams agent long password");
  await agent.getByRole("button", { name: "Create account and join" }).click();
  await expect(agent).toHaveURL(/\/inbox$/);

  await endUserWrites(request, served.id, "Sam", "Question for the served app");
  await endUserWrites(request, other.id, "Otto", "Question for the other app");
  // Before any team, the agent sees both, as before teams existed.
  await agent.goto("/inbox");
  const list = agent.getByRole("list", { name: "Conversations" });
  await expect(list.getByRole("link")).toHaveCount(2);
  const otherHref = await list.getByRole("link", { name: /^Otto/ }).getAttribute("href");

  // The owner makes the team.
  await page.getByRole("link", { name: "Teams" }).click();
  await expect(page.getByRole("heading", { name: "Teams", level: 1 })).toBeVisible();
  await page.getByLabel("Name").fill("Served team");
  await page.getByRole("button", { name: "Create team" }).click();
  const team = page.getByRole("region", { name: "Served team" });
  await expect(team).toBeVisible();
  await team.getByLabel("Add a member").selectOption({ label: "Tara Teamagent (agent)" });
  await team.getByRole("button", { name: "Add member" }).click();
  await expect(team.getByRole("cell", { name: /^Tara Teamagent/ })).toBeVisible();
  await team.getByLabel("Add a connection").selectOption({ label: served.displayName });
  await team.getByRole("button", { name: "Add connection" }).click();
  await expect(team.getByRole("button", { name: `Stop serving ${served.displayName}` })).toBeVisible();
  await team.getByLabel("Capacity of Tara Teamagent").fill("3");
  await team.getByRole("button", { name: "Save" }).click();
  await expect(team.getByText("Saved.")).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await page.screenshot({ path: test.info().outputPath("teams-1280.png"), fullPage: true });
  // For the record only: at 390 px the app's shell (its sidebar) leaves the page too little room; the mobile layout
  // (issue 16, point 7) makes it fit.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath("teams-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // The agent now sees only the served app's conversation; the other one is not theirs to open.
  await agent.goto("/inbox");
  await expect(list.getByRole("link")).toHaveCount(1);
  await expect(list.getByRole("link", { name: /^Sam/ })).toBeVisible();
  const response = await agent.goto(otherHref!);
  expect(response?.status()).toBe(404);
  // Their availability is in the inbox header.
  await agent.goto("/inbox");
  await expect(agent.getByLabel("Your availability")).toHaveValue("online");
  const saved = agent.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/inbox"));
  await agent.getByLabel("Your availability").selectOption("away");
  await saved;
  await agent.reload();
  await expect(agent.getByLabel("Your availability")).toHaveValue("away");
  await agentContext.close();
});
