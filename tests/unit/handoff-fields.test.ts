// The handoff fields an admin configures per connection: key=value lines, keys SunCo metadata and Zendesk's ticket
// fields use, bounded in count and size, first_message_id left to Sunbridge; each problem names its line.
import { describe, expect, it } from "vitest";
import { handoffFieldLines, handoffFieldsInputSchema, handoffFieldsOf, MAX_HANDOFF_FIELDS } from "@/lib/connections";

const parse = (fields: string) => handoffFieldsInputSchema.safeParse({ connectionId: "c1", fields });
const problems = (fields: string) => parse(fields).error?.issues.map((issue) => issue.message) ?? [];

describe("handoff fields", () => {
  it("reads key=value lines, trimming them and skipping blank ones; values may hold '='", () => {
    expect(parse("  priority = high \n\ndataCapture.ticketField.360001=VIP\nquery=a=b\nempty=").data?.fields).toEqual({
      priority: "high",
      "dataCapture.ticketField.360001": "VIP",
      query: "a=b",
      empty: "",
    });
    expect(parse("").data?.fields).toEqual({});
    expect(handoffFieldsInputSchema.parse({ connectionId: "c1" }).fields).toEqual({});
  });

  it("names the line of each malformed, reserved, repeated or oversized field", () => {
    expect(problems("priority")).toEqual(["Line 1: write key=value."]);
    expect(problems("=high")).toEqual(["Line 1: write key=value."]);
    expect(problems("a=1\nbad key=2")).toEqual(['Line 2: a key has at most 128 letters, digits, ".", "_", ":" or "-".']);
    expect(problems(`${"k".repeat(129)}=1`)).toHaveLength(1);
    expect(problems("first_message_id=abc")).toEqual(["Line 1: Sunbridge sets first_message_id itself."]);
    expect(problems("a=1\na=2")).toEqual(["Line 2: a is already given."]);
    expect(problems(`a=${"v".repeat(257)}`)).toEqual(["Line 1: a value has at most 256 characters."]);
  });

  it("bounds the number of fields and their total size", () => {
    const many = Array.from({ length: MAX_HANDOFF_FIELDS + 1 }, (_, i) => `k${i}=v`).join("\n");
    expect(problems(many)).toEqual([`Use at most ${MAX_HANDOFF_FIELDS} fields (21 given).`]);
    const large = Array.from({ length: 10 }, (_, i) => `key${i}=${"v".repeat(250)}`).join("\n");
    expect(problems(large)).toEqual(["Keep the fields under 2048 bytes in all."]);
  });

  it("reads back only string fields, and shows them as lines", () => {
    expect(handoffFieldsOf({ handoffMetadata: { priority: "high", nested: { no: 1 } } })).toEqual({ priority: "high" });
    expect(handoffFieldsOf({ handoffMetadata: null })).toEqual({});
    expect(handoffFieldsOf({ handoffMetadata: ["x"] })).toEqual({});
    expect(handoffFieldLines({ priority: "high", tag: "vip" })).toBe("priority=high\ntag=vip");
  });
});
