// A connection id from outside is bounded before anything looks it up.
import { describe, expect, it } from "vitest";
import { connectionIdSchema } from "@/lib/connections/schemas";

describe("connectionIdSchema", () => {
  it("takes an id, and refuses an empty or oversized one in words", () => {
    expect(connectionIdSchema.parse(" cmabc123 ")).toBe("cmabc123");
    expect(connectionIdSchema.safeParse("").error?.issues[0]?.message).toBe("Choose a connection.");
    expect(connectionIdSchema.safeParse("x".repeat(65)).error?.issues[0]?.message).toBe("is not a connection");
  });
});
