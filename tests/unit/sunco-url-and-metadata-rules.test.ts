import { describe, expect, it } from "vitest";
import { METADATA_MAX_BYTES, metadataSchema, webUrlSchema } from "@/lib/sunco/schemas";

describe("web URLs", () => {
  it("accept http and https URLs with any path, query, port or IPv6 host", () => {
    for (const url of [
      "https://cdn.example.com/a/b.png?size=2&x=%20y#frag",
      "http://localhost:3000",
      "HTTPS://EXAMPLE.COM/",
      "https://[::1]:8443/path",
      "https://user@example.com/x",
      "https://www.gravatar.com/avatar/00000000000000000000000000000000.png?s=200&d=mm",
    ]) {
      expect(webUrlSchema.safeParse(url).success, url).toBe(true);
    }
  });

  it("refuse other schemes, relative URLs, missing hosts and whitespace", () => {
    for (const url of ["ftp://example.com/f", "javascript:alert(1)", "/relative/path", "https://", "https:///path", "https://exa mple.com", "example.com", ""]) {
      expect(webUrlSchema.safeParse(url).success, url).toBe(false);
    }
  });
});

describe("metadata size", () => {
  const sized = (bytes: number, char = "a") => {
    const overhead = JSON.stringify({ k: "" }).length;
    return { k: char.repeat((bytes - overhead) / new TextEncoder().encode(char).length) };
  };

  it("allows exactly 4096 bytes once serialized, counting multi-byte characters as UTF-8", () => {
    expect(metadataSchema.safeParse(sized(METADATA_MAX_BYTES)).success).toBe(true);
    expect(metadataSchema.safeParse(sized(METADATA_MAX_BYTES + 1)).success).toBe(false);
    // 2-byte characters: fewer characters than bytes, so a length check alone would let this through.
    const accented = { k: "é".repeat(2100) };
    expect(JSON.stringify(accented).length).toBeLessThan(METADATA_MAX_BYTES);
    expect(metadataSchema.safeParse(accented).error?.issues[0]?.message).toMatch(/at most 4096 bytes/);
  });
});
