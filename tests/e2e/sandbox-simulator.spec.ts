import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";

const SANDBOX = "/sandbox/sc";

interface Fixtures {
  apps: { id: string; displayName: string; appKeys: { id: string; secret: string }[] }[];
}

async function businessApi(request: APIRequestContext) {
  const fixtures = (await (await request.get(`${SANDBOX}/_control/fixtures`)).json()) as Fixtures;
  const app = fixtures.apps[0]!;
  const key = app.appKeys[0]!;
  const headers = { authorization: `Basic ${Buffer.from(`${key.id}:${key.secret}`).toString("base64")}` };
  const latestConversation = async () => {
    const { endUsers } = await (await request.get(`${SANDBOX}/_control/apps/${app.id}/end-users`)).json();
    return endUsers.at(-1).conversationIds.at(-1) as string;
  };
  return {
    app,
    latestConversation,
    post: async (conversationId: string, path: string, data: object) => {
      const response = await request.post(`${SANDBOX}/v2/apps/${app.id}/conversations/${conversationId}/${path}`, { headers, data });
      expect(response.ok(), await response.text()).toBe(true);
    },
  };
}

test("an end user talks with the business in the simulator: text, typing, reply buttons, read receipts, files", async ({ page, request }) => {
  const business = await businessApi(request);
  await page.goto("/sandbox/simulator");
  await expect(page.getByRole("heading", { name: "End-user simulator" })).toBeVisible();

  await page.getByText("New end user").click();
  await page.getByLabel("First name").fill("Nora");
  await page.getByLabel("Last name").fill("Jones");
  await page.getByRole("button", { name: "Create end user" }).click();
  await expect(page.getByLabel("End user", { exact: true })).toHaveValue(/[0-9a-f]{24}/);

  const conversation = page.getByRole("log", { name: "Messages" });
  await page.getByRole("textbox", { name: "Message", exact: true }).fill("My parcel is late");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(conversation.getByText("My parcel is late")).toBeVisible();

  const conversationId = await business.latestConversation();
  await business.post(conversationId, "activity", { author: { type: "business" }, type: "typing:start" });
  await expect(page.getByRole("status")).toHaveText("Business is typing…");

  await business.post(conversationId, "messages", {
    author: { type: "business", displayName: "Sam" },
    content: { type: "text", text: "Sorry! Shall I refund it?", actions: [{ type: "reply", text: "Yes", payload: "REFUND" }, { type: "reply", text: "No", payload: "NO" }] },
  });
  await expect(conversation.getByText("Sorry! Shall I refund it?")).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("");

  await conversation.getByRole("button", { name: "Yes" }).click();
  await expect(conversation.getByRole("article", { name: "You" }).filter({ hasText: /^You\s*Yes$/ })).toBeVisible();
  const state = await (await request.get(`${SANDBOX}/_control/conversations/${conversationId}`)).json();
  expect(state.messages.at(-1).content).toEqual({ type: "text", text: "Yes", payload: "REFUND" });

  await business.post(conversationId, "activity", { author: { type: "business" }, type: "conversation:read" });
  await expect(conversation.getByText("Seen")).toBeVisible();

  await page.getByLabel("Attach a file").setInputFiles({
    name: "receipt.png",
    mimeType: "image/png",
    buffer: Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"),
  });
  await expect(conversation.getByRole("img", { name: "Image" })).toBeVisible();

  const accessibility = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(accessibility.violations).toEqual([]);
});
