import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { connectSandboxApp, createTenantApp, DEMO_OWNER, signIn } from "./support";

const CONTROL = "/sandbox/sc/_control";

/** The end user's side, as the sandbox's simulator drives it. */
function endUserSide(request: APIRequestContext) {
  const post = async <T>(path: string, data: object) => {
    const response = await request.post(`${CONTROL}${path}`, { data });
    expect(response.ok(), await response.text()).toBe(true);
    return (await response.json()) as T;
  };
  return {
    createEndUser: (appId: string, givenName: string) => post<{ user: { id: string } }>(`/apps/${appId}/end-users`, { givenName }),
    openConversation: (appId: string, userId: string) =>
      post<{ conversation: { id: string } }>(`/apps/${appId}/end-users/${userId}/conversations`, {}),
    send: (conversationId: string, userId: string, text: string) =>
      post(`/conversations/${conversationId}/messages`, { userId, content: { type: "text", text } }),
  };
}

test("an end user's message in the sandbox reaches an open agent page through live updates in under a second", async ({ page, request }) => {
  const simulator = endUserSide(request);
  const tenant = await createTenantApp(request, `Live Co ${Date.now()}`);

  // The owner connects the tenant's app through the sandbox's OAuth consent; the webhook is provisioned to us.
  await signIn(page, DEMO_OWNER);
  await expect(page).toHaveURL(/\/inbox$/);
  await connectSandboxApp(page, tenant.displayName);

  // An agent page listens to the organization's live updates, from its first event on (no gap to race).
  await page.goto("/inbox");
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const arrivals: { at: number; text: string }[] = [];
        Object.assign(window, { arrivals });
        const source = new EventSource("/api/live?lastEventId=0");
        source.addEventListener("message.created", (event) => {
          arrivals.push({ at: Date.now(), text: JSON.parse((event as MessageEvent).data).message.text });
        });
        source.addEventListener("open", () => resolve());
      }),
  );

  const { user } = await simulator.createEndUser(tenant.id, "Nora");
  const { conversation } = await simulator.openConversation(tenant.id, user.id);
  const sentAt = Date.now();
  await simulator.send(conversation.id, user.id, "Where is my parcel?");

  const arrival = await page.waitForFunction(
    () => (window as unknown as { arrivals: { at: number; text: string }[] }).arrivals.find((a) => a.text === "Where is my parcel?"),
    undefined,
    { timeout: 10_000 },
  );
  const { at } = (await arrival.jsonValue()) as { at: number };
  test.info().annotations.push({ type: "latency", description: `${at - sentAt} ms from the simulator to the page` });
  expect(at - sentAt).toBeLessThan(1000);

  // The connection's event log shows the delivery, processed.
  await page.goto("/connections");
  await page.getByRole("article", { name: tenant.displayName }).getByRole("link", { name: "Webhook events" }).click();
  await expect(page.getByRole("heading", { name: "Webhook events" })).toBeVisible();
  const row = page.getByTestId("webhook-event").filter({ hasText: "conversation:message" }).first();
  await expect(row).toContainText("processed");
  await row.getByRole("group").locator("summary").click();
  await expect(row.locator("pre")).toContainText("Where is my parcel?");
  const accessibility = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(accessibility.violations).toEqual([]);
});
