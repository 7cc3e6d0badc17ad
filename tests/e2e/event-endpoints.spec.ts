// Settings → Event endpoints in the browser: an owner adds an endpoint on a local receiver, copies the secret shown
// once, sends a test event the receiver verifies with it, and finds it in the delivery log; at 1280 and 390 px.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { DEMO_OWNER, signIn } from "./support";

test("an owner adds an event endpoint, sends it a signed test event and sees it in the delivery log", async ({ page }) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/${Date.now()}`;
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, DEMO_OWNER);
    await expect(page).toHaveURL(/\/inbox/);
    await page.getByRole("link", { name: "Event endpoints" }).click();
    await expect(page.getByRole("heading", { name: "Event endpoints", level: 1 })).toBeVisible();

    const form = page.getByRole("region", { name: "Add an endpoint" });
    // A refused URL is explained once, beside the field, and what was typed stays for correcting.
    await form.getByLabel("URL").fill("ftp://partner.example.com/events");
    await form.getByLabel("Description").fill("Order service");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(form.getByRole("alert").filter({ hasText: "must be an https:// URL" })).toHaveCount(1);
    await expect(form.getByLabel("Description")).toHaveValue("Order service");
    await expect(form.getByLabel("URL")).toHaveValue("ftp://partner.example.com/events");
    await form.getByLabel("URL").fill(url);
    await form.getByRole("checkbox", { name: "message.created" }).check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect(form.getByRole("status")).toContainText("Copy its signing secret now");
    const secret = await form.getByLabel("Signing secret (shown once)").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.screenshot({ path: "test-results/event-endpoints-1280.png", fullPage: true });

    const card = page.getByRole("region", { name: url });
    await expect(card.getByText("message.created", { exact: true }).first()).toBeVisible();
    await card.getByRole("button", { name: "Send test event" }).click();
    await expect(card.getByRole("status")).toContainText("Test event sent");
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
    const [delivery] = received;
    const event = new Webhook(secret).verify(delivery!.body, {
      "webhook-id": String(delivery!.headers["webhook-id"]),
      "webhook-timestamp": String(delivery!.headers["webhook-timestamp"]),
      "webhook-signature": String(delivery!.headers["webhook-signature"]),
    }) as { type: string };
    expect(event.type).toBe("endpoint.test");

    await card.getByRole("link", { name: "Delivery log" }).click();
    await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: "endpoint.test" });
    await expect(row.getByText("succeeded")).toBeVisible();
    await expect(row.getByRole("cell", { name: /^200 · \d+ ms/ })).toBeVisible();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/event-endpoints-log-390.png", fullPage: true });

    await row.getByRole("button", { name: "Resend" }).click();
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(2);
    expect(received[1]!.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
});
