// The thread shows every SunCo content type — what the end user sees, buttons included — and never follows a
// non-http(s) address or lets a message's text become markup.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageContent } from "@/app/(app)/inbox/_components/MessageContent";

const render = (content: Record<string, unknown>, text = "") => renderToStaticMarkup(createElement(MessageContent, { content, text }));

describe("a message's content", () => {
  it("renders text in SunCo's markdown subset, with its reply, postback and link buttons", () => {
    const html = render({
      type: "text",
      text: "**Hi** there, see [our site](https://example.com)",
      actions: [
        { type: "reply", text: "Yes", payload: "YES" },
        { type: "postback", text: "Talk to sales", payload: "SALES" },
        { type: "link", text: "Track", uri: "https://example.com/track" },
      ],
    });
    expect(html).toContain("<strong>Hi</strong>");
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain("Yes");
    expect(html).toContain("Talk to sales");
    expect(html).toMatch(/<a[^>]+href="https:\/\/example.com\/track"[^>]*>Track/);
  });

  it("renders images with their alt text and caption, and files with name, type and size", () => {
    const image = render({ type: "image", mediaUrl: "https://media.example/parcel.png", altText: "A parcel", text: "Look" });
    expect(image).toMatch(/<img[^>]+src="https:\/\/media.example\/parcel.png"[^>]+alt="A parcel"/);
    expect(image).toContain("Look");
    const file = render({ type: "file", mediaUrl: "https://media.example/invoice.pdf", altText: "invoice.pdf", mediaType: "application/pdf", mediaSize: 2048 });
    expect(file).toContain('href="https://media.example/invoice.pdf"');
    expect(file).toContain("invoice.pdf");
    expect(file).toContain("application/pdf");
    expect(file).toContain("2 KB");
  });

  it("renders carousels and lists item by item with their buttons, and locations as a map link", () => {
    const carousel = render({
      type: "carousel",
      items: [
        { title: "Red shoes", description: "Size 42", mediaUrl: "https://media.example/red.png", actions: [{ type: "postback", text: "Buy red", payload: "RED" }] },
        { title: "Blue shoes", actions: [{ type: "buy", text: "Buy blue", amount: 4999, currency: "usd" }] },
      ],
    });
    expect(carousel).toContain("Red shoes");
    expect(carousel).toContain("Size 42");
    expect(carousel).toContain("Buy red");
    expect(carousel).toContain("Buy blue (49.99 USD)");
    const list = render({ type: "list", items: [{ title: "Plan A" }, { title: "Plan B" }], actions: [{ type: "reply", text: "More", payload: "MORE" }] });
    expect(list).toContain("Plan A");
    expect(list).toContain("Plan B");
    expect(list).toContain("More");
    const location = render({ type: "location", coordinates: { lat: 45.5, long: -73.6 }, location: { name: "Depot", address: "1 Main St" } });
    expect(location).toContain("Depot, 1 Main St");
    expect(location).toContain("mlat=45.5&amp;mlon=-73.6");
  });

  it("renders forms, their answers, and templates", () => {
    const form = render({
      type: "form",
      submitted: false,
      fields: [
        { type: "text", name: "name", label: "Your name" },
        { type: "email", name: "email", label: "Email" },
      ],
    });
    expect(form).toContain("Your name, Email");
    const answers = render({
      type: "formResponse",
      fields: [
        { type: "text", name: "name", label: "Your name", text: "Nora" },
        { type: "select", name: "size", label: "Size", select: [{ name: "m", label: "Medium" }] },
      ],
    });
    expect(answers).toMatch(/<dt>Your name<\/dt><dd>Nora<\/dd>/);
    expect(answers).toMatch(/<dt>Size<\/dt><dd>Medium<\/dd>/);
    const template = render({ type: "template", template: { name: "order_update", language: { code: "en_US" } } }, "Your order shipped");
    expect(template).toContain("order_update");
    expect(template).toContain("en_US");
  });

  it("shows a type SunCo adds later by its text preview, and says so when there is none", () => {
    expect(render({ type: "hologram", beam: true }, "A hologram of a parcel")).toContain("A hologram of a parcel");
    expect(render({ type: "hologram" })).toContain("a message Sunbridge cannot show");
  });

  it("never turns text into markup, nor follows javascript: or data: addresses", () => {
    const html = render({
      type: "text",
      text: '<img src=x onerror=alert(1)> [click](javascript:alert(1))',
      actions: [{ type: "link", text: "Evil", uri: "javascript:alert(1)" }],
    });
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/href="javascript:/);
    expect(html).toContain("Evil");
    const image = render({ type: "image", mediaUrl: "data:image/png;base64,AAAA" });
    expect(image).not.toContain("<img");
    expect(image).toContain("no address");
  });

  it("loads end users' images without telling their host where they are shown (no Referer)", () => {
    const images = [
      render({ type: "image", mediaUrl: "https://media.example/parcel.png" }),
      render({ type: "carousel", items: [{ title: "Red", mediaUrl: "https://media.example/red.png", actions: [] }] }),
      render({ type: "list", items: [{ title: "Plan A", mediaUrl: "https://media.example/a.png" }] }),
    ].flatMap((html) => html.match(/<img[^>]*>/g) ?? []);
    expect(images).toHaveLength(3);
    for (const img of images) expect(img).toMatch(/referrerPolicy="no-referrer"/i);
  });
});
