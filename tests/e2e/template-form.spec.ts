// Settings → Templates keeps what an admin typed when the server refuses it (a parameter line it cannot read), at
// 1280 and 390 px: React resets a form after its action, so the refusal used to empty every field.
import { expect, test } from "@playwright/test";
import { DEMO_OWNER, signIn } from "./support";

for (const width of [1280, 390]) {
  test(`a refused template keeps the fields as typed, with the reason beside the parameters (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, DEMO_OWNER);
    await expect(page).toHaveURL(/\/inbox$/);
    await page.goto("/settings/templates");
    const add = page.getByRole("region", { name: "Add a template" });
    const title = `Refused ${width} ${Date.now().toString(36)}`;
    await add.getByLabel("Title").fill(title);
    await add.getByLabel("WhatsApp template name").fill("order_update");
    await add.getByLabel("Language").fill("en");
    await add.getByLabel("Parameters").fill("footer: Order number");
    await add.getByRole("button", { name: "Add template" }).click();
    await expect(add.getByRole("alert").last()).toHaveText("Each line starts with header: or body:, such as body: Order number = #1.");
    await expect(add.getByLabel("Parameters")).toHaveAttribute("aria-invalid", "true");
    await expect(add.getByLabel("Title")).toHaveValue(title);
    await expect(add.getByLabel("WhatsApp template name")).toHaveValue("order_update");
    await expect(add.getByLabel("Language")).toHaveValue("en");
    await expect(add.getByLabel("Parameters")).toHaveValue("footer: Order number");
    await page.screenshot({ path: `test-results/template-refused-${width}.png`, fullPage: true });
    await expect(page.getByRole("region", { name: title })).toHaveCount(0);
  });
}
