import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown, safeHref } from "@/lib/inbox/markdown";

describe("SunCo's markdown subset", () => {
  it("reads bold, italics, strikethrough, code and links", () => {
    expect(parseInline("**Track** *now* ~~never~~ `A-1` __or__ _later_")).toEqual([
      { type: "strong", children: [{ type: "text", text: "Track" }] },
      { type: "text", text: " " },
      { type: "em", children: [{ type: "text", text: "now" }] },
      { type: "text", text: " " },
      { type: "del", children: [{ type: "text", text: "never" }] },
      { type: "text", text: " " },
      { type: "code", text: "A-1" },
      { type: "text", text: " " },
      { type: "strong", children: [{ type: "text", text: "or" }] },
      { type: "text", text: " " },
      { type: "em", children: [{ type: "text", text: "later" }] },
    ]);
    expect(parseInline("See [your order](https://shop.example/o/1) or https://shop.example/help.")).toEqual([
      { type: "text", text: "See " },
      { type: "link", href: "https://shop.example/o/1", children: [{ type: "text", text: "your order" }] },
      { type: "text", text: " or " },
      { type: "link", href: "https://shop.example/help", children: [{ type: "text", text: "https://shop.example/help" }] },
      { type: "text", text: "." },
    ]);
  });

  it("keeps markup and unsafe links as plain text", () => {
    expect(parseInline('<img src=x onerror="alert(1)">')).toEqual([{ type: "text", text: '<img src=x onerror="alert(1)">' }]);
    expect(parseInline("[click](javascript:alert(1))")).toEqual([{ type: "text", text: "[click](javascript:alert(1))" }]);
    expect(safeHref("data:text/html,hi")).toBeNull();
    expect(safeHref("mailto:help@example.com")).toBe("mailto:help@example.com");
  });

  it("leaves stars and underscores inside words and unmatched ones alone", () => {
    expect(parseInline("snake_case_name and 2*3*4 and a * b")).toEqual([{ type: "text", text: "snake_case_name and 2*3*4 and a * b" }]);
  });

  it("splits paragraphs, lists and fenced code, keeping line breaks", () => {
    expect(parseMarkdown("Hi Nora,\nyour order:\n\n- shoes\n- *socks*\n1. pay\n2. wait\n```\n**not bold**\n```")).toEqual([
      { type: "paragraph", children: [{ type: "text", text: "Hi Nora," }, { type: "break" }, { type: "text", text: "your order:" }] },
      { type: "list", ordered: false, items: [[{ type: "text", text: "shoes" }], [{ type: "em", children: [{ type: "text", text: "socks" }] }]] },
      { type: "list", ordered: true, items: [[{ type: "text", text: "pay" }], [{ type: "text", text: "wait" }]] },
      { type: "code", text: "**not bold**" },
    ]);
  });
});
