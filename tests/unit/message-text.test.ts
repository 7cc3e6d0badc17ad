// Every content type reads as plain text for previews and search.
import { describe, expect, it } from "vitest";
import { messagePreview, messageText } from "@/lib/conversations";
import type { Content } from "@/lib/sunco/schemas";

const action = { type: "postback" as const, text: "Buy", payload: "BUY" };

describe("messageText", () => {
  it.each<[string, Content, string]>([
    ["text", { type: "text", text: "hello" }, "hello"],
    ["html text", { type: "text", htmlText: "<p>Hi&nbsp;<b>there</b> &amp; welcome</p>" }, "Hi there & welcome"],
    ["buttons only", { type: "text", actions: [action, { ...action, text: "Later" }] }, "Buy\nLater"],
    ["image", { type: "image", mediaUrl: "https://x.test/a.png", altText: "A receipt" }, "A receipt"],
    ["file with text", { type: "file", mediaUrl: "https://x.test/a.pdf", text: "The invoice" }, "The invoice"],
    ["carousel fallback", { type: "carousel", text: "1. Red 2. Blue", items: [{ title: "Red", actions: [action] }] }, "1. Red 2. Blue"],
    ["list", { type: "list", items: [{ title: "Red", description: "A red one", actions: [action] }, { title: "Blue", actions: [action] }] }, "Red\nA red one\nBlue"],
    ["location", { type: "location", coordinates: { lat: 45.5, long: -73.6 }, location: { name: "Office" } }, "Office"],
    ["bare location", { type: "location", coordinates: { lat: 45.5, long: -73.6 } }, "45.5, -73.6"],
    ["form", { type: "form", fields: [{ type: "email", name: "email", label: "Your email" }] }, "Your email"],
    [
      "form response",
      { type: "formResponse", fields: [{ type: "text", name: "name", label: "Name", text: "Nora" }] },
      "Name: Nora",
    ],
    ["bare template", { type: "template", template: { name: "order_update" } }, "Template order_update"],
    [
      "template with values",
      {
        type: "template",
        template: {
          name: "order_update",
          language: { code: "en_US" },
          components: [
            { type: "header", parameters: [{ type: "image", image: { link: "https://x.test/a.png" } }] },
            {
              type: "body",
              parameters: [
                { type: "text", text: "Nora" },
                { type: "text", text: "#1042" },
                { type: "currency", currency: { fallback_value: "$12.50", code: "USD", amount_1000: 12500 } },
                { type: "date_time", date_time: { fallback_value: "May 4" } },
              ],
            },
          ],
        },
      },
      "Template order_update · Nora · #1042 · $12.50 · May 4",
    ],
    ["template without a name", { type: "template", template: {} }, "Template"],
  ])("reads %s", (_, content, text) => {
    expect(messageText(content)).toBe(text);
  });
});

describe("messagePreview", () => {
  it("is one line, shortened, or the kind of message when it has no words", () => {
    expect(messagePreview("text", "  several\n\nlines  ")).toBe("several lines");
    expect(messagePreview("text", "x".repeat(300))).toHaveLength(200);
    expect(messagePreview("image", "")).toBe("Image");
    expect(messagePreview("template", "")).toBe("Template");
  });
});
