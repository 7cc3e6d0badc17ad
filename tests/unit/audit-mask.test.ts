import { describe, expect, it } from "vitest";
import { maskSecrets } from "@/lib/audit/mask";

describe("audit masking", () => {
  it("masks values under secret-looking keys at any depth and leaves the rest", () => {
    expect(
      maskSecrets({
        webhook: { id: "w1", secret: "8564b3e6a8b20a4bdb68b05ce9bc5936", triggers: ["conversation:message"] },
        keys: [{ id: "app_1", secret: "abcdefghijklmnop" }],
        accessToken: "eyJhbGciOiJIUzI1NiJ9.payload.signature",
        apiKeySecret: null,
        name: "Support",
      }),
    ).toEqual({
      webhook: { id: "w1", secret: "••••5936", triggers: ["conversation:message"] },
      keys: [{ id: "app_1", secret: "••••mnop" }],
      accessToken: "••••ture",
      apiKeySecret: null,
      name: "Support",
    });
  });
});
