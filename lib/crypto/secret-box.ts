// Tenant secrets at rest: AES-256-GCM under versioned keys, with a context (e.g. the connection id and
// field) bound in as associated data, so a ciphertext copied to another row or column does not decrypt.
//
// Format: sb1.<key version>.<iv>.<ciphertext>.<tag> (base64url parts). The key version says which key
// decrypts it; encryption always uses the current key, and `npm run keys:rotate` moves old ones over.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

const FORMAT = "sb1";
// GCM's full 128-bit tag and 96-bit IV, pinned: left unpinned, Node accepts a tag cut down to 4 bytes, which
// anyone able to write the column could forge by trial.
const TAG_BYTES = 16;
const IV_BYTES = 12;

export interface KeyRing {
  current: { version: string; key: Buffer };
  byVersion: Map<string, Buffer>;
}

export class SecretDecryptionError extends Error {
  constructor(reason: string) {
    super(`A stored secret could not be decrypted: ${reason}.`);
    this.name = "SecretDecryptionError";
  }
}

/** Parses `v2:<base64>,v1:<base64>` (current key first). */
export function parseKeyRing(setting: string): KeyRing {
  const entries = setting.split(",").map((entry) => {
    const [version, encoded] = entry.trim().split(":");
    const key = Buffer.from(encoded ?? "", "base64");
    if (!version || key.length !== 32) {
      throw new Error(`ENCRYPTION_KEYS: key "${version ?? ""}" must be 32 bytes of base64 (got ${key.length}).`);
    }
    return [version, key] as const;
  });
  const [version, key] = entries[0]!;
  return { current: { version, key }, byVersion: new Map(entries) };
}

let cachedRing: { setting: string; ring: KeyRing } | undefined;

function configuredKeyRing(): KeyRing {
  const setting = env().ENCRYPTION_KEYS;
  if (cachedRing?.setting !== setting) cachedRing = { setting, ring: parseKeyRing(setting) };
  return cachedRing.ring;
}

export function encryptSecret(plaintext: string, context: string, ring = configuredKeyRing()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [FORMAT, ring.current.version, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function decryptSecret(stored: string, context: string, ring = configuredKeyRing()): string {
  const [format, version, iv, ciphertext, tag] = stored.split(".");
  if (format !== FORMAT || !version || iv === undefined || ciphertext === undefined || !tag) {
    throw new SecretDecryptionError("unrecognised format");
  }
  const key = ring.byVersion.get(version);
  if (!key) throw new SecretDecryptionError(`key version "${version}" is not configured in ENCRYPTION_KEYS`);
  const ivBytes = Buffer.from(iv, "base64url");
  const tagBytes = Buffer.from(tag, "base64url");
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new SecretDecryptionError("unrecognised format");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // Wrong key or wrong context: GCM authentication failed. Never echo the ciphertext.
    throw new SecretDecryptionError("it was not encrypted for this record");
  }
}

export function keyVersionOf(stored: string): string | undefined {
  return stored.split(".")[1];
}

export function isCurrentKey(stored: string, ring = configuredKeyRing()): boolean {
  return keyVersionOf(stored) === ring.current.version;
}

/** Shows that a secret exists without revealing it: the last four characters only. */
export function maskSecret(secret: string | null | undefined): string | null {
  if (!secret) return null;
  return secret.length <= 8 ? "••••" : `••••${secret.slice(-4)}`;
}
