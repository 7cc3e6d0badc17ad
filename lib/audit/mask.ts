// Secrets never reach the audit log or the webhook event log: values under secret-looking names are masked before
// they are stored.
import { maskSecret } from "@/lib/crypto/secret-box";

const SECRET_NAME = /secret|token|password|authorization|credential/i;
/** One word of a name that is a key by itself: "key", "keys", or a key run together ("privatekey", "xapikey"). */
const KEY_WORD = /^(?:\w*(?:api|private|signing|access|encryption|master|client|session|shared|hmac))?keys?$/;

/** A name's words, whatever its case: "x-api-key", "privateKey", "APIKey", "signing_key" → […, "key"]. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z\d]+/)
    .filter(Boolean);
}

/**
 * Key-like names end in a "key" word (apiKey, x-api-key, signingKey, ENCRYPTION_KEYS); a key's id or name
 * (keyId, apiKeyId, keyName) is not secret, and "keyboard" or "monkey" only contain the letters.
 */
export function isSecretName(name: string): boolean {
  if (SECRET_NAME.test(name)) return true;
  const last = wordsOf(name).at(-1);
  return last !== undefined && KEY_WORD.test(last);
}

export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        isSecretName(key) && (typeof inner === "string" || inner === null) ? maskSecret(inner) : maskSecrets(inner),
      ]),
    );
  }
  return value;
}
