import { describe, expect, it } from "vitest";
import { json, timesByRow } from "@/lib/conversations/write/sql";

describe("the read model's jsonb rows", () => {
  it("turn U+0000, which PostgreSQL text cannot hold, into U+FFFD wherever a value holds it", () => {
    const rows = [{ text: "a\u0000b", content: { items: ["x\u0000", { title: "\u0000" }] }, at: new Date(0) }];
    expect(JSON.parse(json(rows))).toEqual([{ text: "a\uFFFDb", content: { items: ["x\uFFFD", { title: "\uFFFD" }] }, at: "1970-01-01T00:00:00.000Z" }]);
  });

  it("keep everything else as JSON.stringify writes it, text that merely looks like an escaped U+0000 included", () => {
    const rows = [{ text: "a backslash: \\u0000", n: 1, none: null }, { text: "plain" }];
    expect(json(rows)).toBe(JSON.stringify(rows));
  });

  it("key per-row times as the rows store their ids", () => {
    expect(JSON.parse(timesByRow([["connection", "user\u0000", new Date(0)], ["connection", "other", null]]))).toEqual({
      "connection user\uFFFD": "1970-01-01T00:00:00.000Z",
      "connection other": null,
    });
  });
});
