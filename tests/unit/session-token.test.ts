import { hkdfSync } from "node:crypto";
import { EncryptJWT } from "jose";
import { decode as nextAuthDecode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/next-auth";
import { env } from "@/lib/env";

const secret = env().AUTH_SECRET;
/** What next-auth runs on each request's cookie: ours when configured, else its own. */
const decodeSession = async (token: string) => (authOptions().jwt?.decode ?? nextAuthDecode)({ token, secret });

/** The key next-auth derives from AUTH_SECRET, so a forged token differs from a real one only in its algorithms. */
const sessionKey = () => new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));

const forged = (header: { alg: string; enc: string; zip?: string }) =>
  new EncryptJWT({ sid: "forged" }).setProtectedHeader(header).setIssuedAt().setExpirationTime("1h").encrypt(sessionKey());

describe("the session cookie", () => {
  it("decodes what next-auth wrote", async () => {
    const token = await encode({ token: { sid: "s1" }, secret });
    await expect(decodeSession(token)).resolves.toMatchObject({ sid: "s1" });
  });

  it("is refused under any algorithm but dir/A256GCM, even with the right key", async () => {
    await expect(decodeSession(await forged({ alg: "dir", enc: "A128CBC-HS256" }))).rejects.toThrow(/dir\/A256GCM/);
  });

  it("is refused with extra header parameters or a truncated GCM tag", async () => {
    const token = await encode({ token: { sid: "s1" }, secret });
    const [, ...rest] = token.split(".");
    const withHeader = (header: object) => [Buffer.from(JSON.stringify(header)).toString("base64url"), ...rest].join(".");
    await expect(decodeSession(withHeader({ alg: "dir", enc: "A256GCM", zip: "DEF" }))).rejects.toThrow(/dir\/A256GCM/);
    await expect(decodeSession("not a token")).rejects.toThrow(/dir\/A256GCM/);

    const parts = token.split(".");
    parts[4] = Buffer.from(parts[4]!, "base64url").subarray(0, 8).toString("base64url");
    await expect(decodeSession(parts.join("."))).rejects.toThrow();
  });
});
