import { describe, expect, it } from "vitest";
import { InvalidInputError } from "@/lib/errors";
import { apiBaseUrl } from "@/lib/sunco/base-url";
import { expandPath } from "@/lib/sunco/paths";

describe("a tenant's API base URL", () => {
  it("is its Zendesk subdomain's /sc for licensed accounts", () => {
    expect(apiBaseUrl({ subdomain: "Acme-Support" })).toBe("https://acme-support.zendesk.com/sc");
  });

  it("is the legacy regional host for US and EU accounts", () => {
    expect(apiBaseUrl("us")).toBe("https://api.smooch.io");
    expect(apiBaseUrl("eu")).toBe("https://api.eu-1.smooch.io");
  });

  it("is the override (sandbox or proxy) whatever the region, without a trailing slash", () => {
    expect(apiBaseUrl({ subdomain: "acme" }, "http://localhost:3000/sandbox/sc/")).toBe(
      "http://localhost:3000/sandbox/sc",
    );
    expect(apiBaseUrl("eu", "http://127.0.0.1:4021")).toBe("http://127.0.0.1:4021");
  });

  it("refuses a subdomain that would point anywhere else", () => {
    for (const subdomain of ["", "evil.com/x", "acme.zendesk.com", "-acme", "a b", "x@y"]) {
      expect(() => apiBaseUrl({ subdomain }), subdomain).toThrow(InvalidInputError);
    }
  });
});

describe("API paths", () => {
  it("encode each parameter whole", () => {
    expect(
      expandPath("/v2/apps/{appId}/users/{userIdOrExternalId}", { appId: "app1", userIdOrExternalId: "a/b?c#d e" }),
    ).toBe("/v2/apps/app1/users/a%2Fb%3Fc%23d%20e");
  });

  it("refuse missing parameters and dot segments, naming the parameter", () => {
    expect(() => expandPath("/v2/apps/{appId}", {})).toThrow(/appId/);
    for (const value of ["", ".", ".."]) {
      const error = (() => {
        try {
          expandPath("/v2/apps/{appId}/conversations/{conversationId}", { appId: "a", conversationId: value });
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).fieldErrors).toHaveProperty("conversationId");
    }
  });
});
