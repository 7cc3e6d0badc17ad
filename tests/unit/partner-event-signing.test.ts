// What the endpoint URL rules refuse, and that a delivery's signature verifies with the standardwebhooks package under
// either secret during a rotation (and not under another); the retry schedule's backoff and jitter.
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { endpointUrlProblem, isPrivateAddress, retryDelayMs, signatureHeader } from "@/lib/partner-events";

const secret = (fill: number) => `whsec_${Buffer.alloc(32, fill).toString("base64")}`;

describe("endpoint URLs", () => {
  it("must be https on public addresses unless private ones are allowed", () => {
    expect(endpointUrlProblem("https://partner.example.com/events", false)).toBeNull();
    expect(endpointUrlProblem("http://partner.example.com/events", false)).toBe("must be an https:// URL");
    for (const url of ["https://127.0.0.1/x", "https://10.1.2.3/", "https://169.254.169.254/latest", "https://[::1]/", "https://[fe80::1]/", "https://192.168.0.10/", "https://[::ffff:10.0.0.1]/"]) {
      expect(endpointUrlProblem(url, false), url).toMatch(/private|loopback/);
    }
    expect(endpointUrlProblem("https://localhost:8443/", false)).toBe("must not point at this machine");
    expect(endpointUrlProblem("https://user:pw@partner.example.com/", false)).toBe("must not carry a user name or password");
    expect(endpointUrlProblem("http://127.0.0.1:4000/hooks", true)).toBeNull();
    expect(endpointUrlProblem("ftp://partner.example.com/", true)).toBe("must be an https:// URL");
  });

  it("calls private, loopback, link-local and reserved addresses private, public ones not", () => {
    for (const address of ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "not-an-ip"]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"]) expect(isPrivateAddress(address), address).toBe(false);
  });
});

describe("signatures", () => {
  const body = JSON.stringify({ id: "evt", type: "endpoint.test", data: { message: "hi" } });
  const at = new Date();
  const headersFor = (signature: string) => ({ "webhook-id": "evt", "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signature });

  it("verify with the current secret, and with the previous one while both sign", () => {
    const both = signatureHeader([secret(1), secret(2)], "evt", at, body);
    expect(both.split(" ")).toHaveLength(2);
    expect(both.split(" ").every((part) => part.startsWith("v1,"))).toBe(true);
    expect(new Webhook(secret(1)).verify(body, headersFor(both))).toMatchObject({ type: "endpoint.test" });
    expect(new Webhook(secret(2)).verify(body, headersFor(both))).toMatchObject({ type: "endpoint.test" });
    expect(() => new Webhook(secret(3)).verify(body, headersFor(both))).toThrow();
    expect(() => new Webhook(secret(1)).verify(`${body} `, headersFor(both))).toThrow();
  });
});

describe("the retry schedule", () => {
  it("doubles from 5 s up to an hour, with half of each wait jittered", () => {
    const clock = { now: () => new Date(), timeScale: 1 };
    expect([1, 2, 3].map((n) => retryDelayMs(n, clock, () => 0))).toEqual([2_500, 5_000, 10_000]);
    expect(retryDelayMs(1, clock, () => 1)).toBe(5_000);
    expect(retryDelayMs(30, clock, () => 1)).toBe(3_600_000);
    expect(retryDelayMs(3, { ...clock, timeScale: 0.001 }, () => 1)).toBe(20);
  });
});
