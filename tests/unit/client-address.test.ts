import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddressOf, resolveClientAddress } from "@/lib/http/client-address";

describe("the client address", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.7", "198.51.100.1", 0)).toBe("203.0.113.7");
    expect(resolveClientAddress("::ffff:203.0.113.7", undefined, 0)).toBe("203.0.113.7");
  });

  it("is read that many entries from the right behind trusted proxies, so a forged left part changes nothing", () => {
    expect(resolveClientAddress("10.0.0.2", "198.51.100.9, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.2", "1.1.1.1, 2.2.2.2, 203.0.113.7, 10.0.0.1", 2)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.2", ["198.51.100.9", "203.0.113.7"], 1)).toBe("203.0.113.7");
  });

  it("falls back to the socket when the trusted proxy sent no X-Forwarded-For, and never yields a non-address", () => {
    expect(resolveClientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "<script>, 203.0.113.7", 2)).toBe("203.0.113.7");
    expect(resolveClientAddress(undefined, undefined, 0)).toBe("unknown");
  });

  it("is read inside the app from the server's header only", () => {
    expect(clientAddressOf(new Headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": "1.1.1.1" }))).toBe("203.0.113.7");
    expect(clientAddressOf(new Headers({ "x-forwarded-for": "1.1.1.1" }))).toBe("unknown");
    expect(clientAddressOf({ [CLIENT_ADDRESS_HEADER]: "not an address" })).toBe("unknown");
  });
});
