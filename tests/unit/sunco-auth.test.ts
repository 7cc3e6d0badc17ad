import { decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { authorizerFor } from "@/lib/sunco/auth";

const appKey = { keyId: "app_5e4af71a81966cfff3ef6550", secret: "a-secret-of-thirty-two-characters!" };

function clock(start = Date.parse("2025-03-01T12:00:00Z")) {
  let now = start;
  return { now: () => now, advance: (seconds: number) => (now += seconds * 1000) };
}

const tokenOf = (header: string) => header.replace(/^Bearer /, "");

describe("credentials as an Authorization header", () => {
  it("sends an OAuth access token as a bearer token", async () => {
    expect(await authorizerFor({ type: "oauth", accessToken: "tok.en.value" })()).toBe("Bearer tok.en.value");
  });

  it("sends an app or integration key as Basic key id and secret", async () => {
    const header = await authorizerFor({ type: "basic", keyId: "int_123", secret: "s3cret:with:colons" })();
    expect(header).toBe(`Basic ${Buffer.from("int_123:s3cret:with:colons").toString("base64")}`);
  });

  it("signs an app key JWT with HS256, the key id as kid, and app scope", async () => {
    const time = clock();
    const header = await authorizerFor({ type: "jwt", ...appKey }, { now: time.now })();
    const token = tokenOf(header);
    expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256", typ: "JWT", kid: appKey.keyId });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(appKey.secret), {
      currentDate: new Date(time.now()),
    });
    expect(payload.scope).toBe("app");
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it("reuses the signed JWT until shortly before it expires, then signs a new one", async () => {
    const time = clock();
    const authorize = authorizerFor(
      { type: "jwt", ...appKey },
      { now: time.now, jwtLifetime: { ttlSeconds: 600, renewBeforeSeconds: 60 } },
    );
    const first = await authorize();
    time.advance(539);
    expect(await authorize()).toBe(first);
    time.advance(1);
    const renewed = await authorize();
    expect(renewed).not.toBe(first);
    expect(decodeJwt(tokenOf(renewed)).exp).toBe(decodeJwt(tokenOf(first)).exp! + 540);
  });

  it("signs once for many concurrent callers", async () => {
    const authorize = authorizerFor({ type: "jwt", ...appKey });
    const headers = await Promise.all(Array.from({ length: 20 }, () => authorize()));
    expect(new Set(headers).size).toBe(1);
  });
});
