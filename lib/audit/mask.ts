// Secrets never reach the audit log: values under secret-looking keys are masked before they are stored.
import { maskSecret } from "@/lib/crypto/secret-box";

const SECRET_KEY = /secret|token|password|apikey|api_key|authorization|credential/i;

export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_KEY.test(key) && (typeof inner === "string" || inner === null) ? maskSecret(inner) : maskSecrets(inner),
      ]),
    );
  }
  return value;
}
