import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  isCurrentKey,
  keyVersionOf,
  maskSecret,
  parseKeyRing,
  SecretDecryptionError,
} from "@/lib/crypto/secret-box";

const key = (byte: number) => Buffer.alloc(32, byte).toString("base64");
const oldRing = parseKeyRing(`v1:${key(1)}`);
const rotatedRing = parseKeyRing(`v2:${key(2)},v1:${key(1)}`);

describe("secrets at rest", () => {
  it("round-trip under the current key and never contain the plaintext", () => {
    const stored = encryptSecret("token-abc-123", "connection:c1:accessToken", rotatedRing);
    expect(stored).toMatch(/^sb1\.v2\./);
    expect(stored).not.toContain("token-abc-123");
    expect(decryptSecret(stored, "connection:c1:accessToken", rotatedRing)).toBe("token-abc-123");
  });

  it("use a fresh IV each time", () => {
    const a = encryptSecret("same", "ctx", rotatedRing);
    const b = encryptSecret("same", "ctx", rotatedRing);
    expect(a).not.toBe(b);
  });

  it("do not decrypt when moved to another record or field", () => {
    const stored = encryptSecret("token", "connection:c1:accessToken", rotatedRing);
    expect(() => decryptSecret(stored, "connection:c2:accessToken", rotatedRing)).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(stored, "connection:c1:webhookSecret", rotatedRing)).toThrow(SecretDecryptionError);
  });

  it("detect tampering", () => {
    const stored = encryptSecret("token", "ctx", rotatedRing);
    const parts = stored.split(".");
    parts[3] = Buffer.from("other").toString("base64url");
    expect(() => decryptSecret(parts.join("."), "ctx", rotatedRing)).toThrow(/not encrypted for this record/);
  });

  it("refuse a truncated or padded authentication tag, and an IV of another length", () => {
    const stored = encryptSecret("token", "ctx", rotatedRing);
    const parts = stored.split(".");
    const tag = Buffer.from(parts[4]!, "base64url");
    const withTag = (bytes: Buffer) => [...parts.slice(0, 4), bytes.toString("base64url")].join(".");
    for (const length of [4, 8, 12, 15]) {
      expect(() => decryptSecret(withTag(tag.subarray(0, length)), "ctx", rotatedRing)).toThrow(SecretDecryptionError);
    }
    expect(() => decryptSecret(withTag(Buffer.concat([tag, Buffer.alloc(1)])), "ctx", rotatedRing)).toThrow(SecretDecryptionError);
    const longIv = [parts[0], parts[1], Buffer.alloc(16).toString("base64url"), parts[3], parts[4]].join(".");
    expect(() => decryptSecret(longIv, "ctx", rotatedRing)).toThrow(SecretDecryptionError);
    expect(decryptSecret(stored, "ctx", rotatedRing)).toBe("token");
  });

  it("decrypt with a previous key during rotation, and say which key a value needs", () => {
    const legacy = encryptSecret("old-secret", "ctx", oldRing);
    expect(keyVersionOf(legacy)).toBe("v1");
    expect(isCurrentKey(legacy, rotatedRing)).toBe(false);
    expect(decryptSecret(legacy, "ctx", rotatedRing)).toBe("old-secret");
    expect(() => decryptSecret(encryptSecret("x", "ctx", rotatedRing), "ctx", oldRing)).toThrow(/key version "v2" is not configured/);
  });

  it("refuse keys that are not 32 bytes", () => {
    expect(() => parseKeyRing("v1:c2hvcnQ=")).toThrow(/must be 32 bytes/);
  });

  it("mask secrets for display", () => {
    expect(maskSecret("8564b3e6a8b20a4bdb68b05ce9bc5936")).toBe("••••5936");
    expect(maskSecret("short")).toBe("••••");
    expect(maskSecret(null)).toBeNull();
  });
});
