// Identifiers shaped like SunCo's: 24-hex object ids, prefixed API key ids, webhook secrets, attachment ids.
import { randomBytes, randomInt } from "node:crypto";

const processUnique = randomBytes(5).toString("hex");
let counter = randomInt(0xffffff);

/** A Mongo-style object id: seconds since the epoch, a per-process value, then a counter. */
export function objectId(nowMs = Date.now()): string {
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, "0");
  return `${seconds}${processUnique}${counter.toString(16).padStart(6, "0")}`;
}

export type KeyPrefix = "act" | "app" | "int";

export function apiKeyId(prefix: KeyPrefix, nowMs?: number): string {
  return `${prefix}_${objectId(nowMs)}`;
}

/** API key secrets are long random strings; their exact alphabet is not part of the contract. */
export function apiKeySecret(): string {
  return randomBytes(48).toString("base64url");
}

/** Webhook secrets in SunCo's examples are 32 hex characters. */
export function webhookSecret(): string {
  return randomBytes(16).toString("hex");
}

export function authorizationCode(): string {
  return randomBytes(24).toString("base64url");
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Attachment paths use ULIDs (26 Crockford base-32 characters: 48-bit time, 80 random bits). */
export function ulid(nowMs = Date.now()): string {
  let time = "";
  let rest = nowMs;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[rest % 32]! + time;
    rest = Math.floor(rest / 32);
  }
  const random = Array.from(randomBytes(16), (byte) => CROCKFORD[byte % 32]).join("");
  return time + random;
}
