// Bearer tokens in links and cookies (connect links, OAuth states, install cookies): 256 random bits, of which only a
// SHA-256 is stored. Nothing to guess and nothing to stretch, so a plain hash is enough.
import { createHash, randomBytes } from "node:crypto";

export function newToken(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
