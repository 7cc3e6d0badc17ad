// Reports, end to end, in an organization of this test's own (one sign-up), so its figures are exactly this test's:
// a satisfaction form answered in the simulator shows in the thread and in the report, the page passes axe and fits
// 390 px, the CSV download holds the same figures, and an agent who leads no team is refused the page.
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createTenantApp, DEMO_AGENT, signIn, signUpAndConnect } from "./support";

async function expectNoSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a CSAT answer from the simulator shows in the thread and the report, which exports as CSV", async ({ page, context, request }) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const app = await createTenantApp(request, `Report Co ${run}`);
  await signUpAndConnect(page, app.displayName, { name: "Rhea Reports", organization: `Reports ${run}`, emailPrefix: "reports" });

  await test.step("the owner turns the survey on; an end user writes; resolving sends the form; the answer shows as a rating", async () => {
    await page.goto("/settings/satisfaction");
    await page.getByLabel("Send the end user a satisfaction survey").check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();

    const endUser = await context.newPage();
    await endUser.goto("/sandbox/simulator");
    await endUser.getByLabel("App", { exact: true }).selectOption(app.id);
    await endUser.getByText("New end user").click();
    await endUser.getByLabel("First name").fill("Rita");
    await endUser.getByLabel("Last name").fill(run);
    await endUser.getByRole("button", { name: "Create end user" }).click();
    await expect(endUser.locator("#simulator-user option:checked")).toHaveText(new RegExp(`Rita ${run}`));
    await endUser.getByRole("textbox", { name: "Message", exact: true }).fill("Where is my order?");
    await endUser.getByRole("button", { name: "Send" }).click();
    await expect(endUser.getByRole("log", { name: "Messages" }).getByText("Where is my order?")).toBeVisible();

    await page.goto("/inbox");
    const row = page.getByRole("list", { name: "Conversations" }).getByRole("link", { name: new RegExp(`Rita ${run}`) });
    await row.click();
    const reply = page.getByRole("form", { name: "Composer" }).getByRole("textbox", { name: "Reply" });
    await reply.fill("It ships today.");
    await reply.press("Enter");
    const thread = page.getByRole("log", { name: "Messages" });
    await expect(thread.getByText("It ships today.")).toBeVisible();
    await page.getByRole("button", { name: "Resolve" }).click();
    await expect(page.getByTestId("conversation-status")).toHaveText("Resolved");
    await expect(thread.getByText(/Satisfaction survey sent/)).toBeVisible();

    const form = endUser.getByRole("form", { name: "Form" });
    await form.getByLabel("How satisfied are you with this conversation?").selectOption("5");
    await form.getByLabel("Anything you want to tell us?").fill("Fast");
    await form.getByRole("button", { name: "Submit" }).click();
    await expect(thread.getByTestId("satisfaction-rating")).toContainText("Rated 5 out of 5");
    await endUser.close();
  });

  await test.step("the report counts the conversation and the rating, by day and by connection, and passes axe", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
    await expect(page).toHaveURL(/\/reports$/);
    const totals = page.getByRole("region", { name: "Totals" });
    await expect(totals).toContainText("Opened1");
    await expect(totals).toContainText("Resolved1");
    await expect(totals).toContainText("CSAT5.00");
    await expect(totals).toContainText("1 rating · 100% rated 4–5");
    const byConnection = page.getByRole("region", { name: "By connection" });
    const connectionRow = byConnection.getByRole("row", { name: new RegExp(app.displayName) });
    await expect(connectionRow.getByRole("cell").nth(6)).toHaveText("5.00 (1)");
    await expect(page.getByRole("table", { name: "Conversations by day" }).locator("tbody tr")).toHaveCount(30);
    await page.getByRole("combobox", { name: "Period" }).selectOption("7");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/days=7/);
    await expect(page.getByRole("table", { name: "Conversations by day" }).locator("tbody tr")).toHaveCount(7);
    await expect(page.locator(".report-chart canvas").first()).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: test.info().outputPath("reports-1280.png"), fullPage: true });
  });

  await test.step("the CSV download holds the same figures", async () => {
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^sunbridge-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync((await download.path())!, "utf8").split("\r\n");
    expect(lines[0]).toBe(
      "breakdown,key,name,opened,responded,first_response_median_seconds,first_response_p90_seconds,resolved,resolution_median_seconds,resolution_p90_seconds,csat_count,csat_average,csat_satisfied_share",
    );
    expect(lines[1]).toMatch(/^total,[\d-]+\.\.[\d-]+,UTC,1,1,[\d.]+,[\d.]+,1,[\d.]+,[\d.]+,1,5,1$/);
    expect(lines.some((line) => line.startsWith("connection,") && line.includes(`,${app.displayName},1,1,`) && line.endsWith(",1,5,1"))).toBe(true);
  });

  await test.step("at 390 px wide the page fits: nothing overflows sideways", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByRole("heading", { name: "Reports" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath("reports-390.png"), fullPage: true });
  });
});

test("an agent who leads no team has no Reports entry and is refused the page", async ({ page }) => {
  await signIn(page, DEMO_AGENT);
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" })).toHaveCount(0);
  const response = await page.goto("/reports");
  expect(response?.status()).toBe(403);
  expect((await page.request.get("/reports/export")).status()).toBe(403);
});
