// The shape of an API key and its hash. A key is `sbk_<prefix>_<secret>`: the prefix (public, 12 characters) finds the
// row and names the key in lists and the audit log; the secret is 32 random bytes (256 bits), so a plain SHA-256 of
// the whole key is enough to store (nothing to guess, nothing to stretch) and it is compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const KEY = /^sbk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = Array.from(randomBytes(12), (byte) => PREFIX_ALPHABET[byte % PREFIX_ALPHABET.length]).join("");
  const key = `sbk_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, secretHash: hashKey(key) };
}

/** The prefix of something shaped like a key; null for anything else. */
export function prefixOf(key: string): string | null {
  return KEY.exec(key)?.[1] ?? null;
}

export function keyMatches(key: string, secretHash: string): boolean {
  const given = Buffer.from(hashKey(key), "hex");
  const stored = Buffer.from(secretHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
