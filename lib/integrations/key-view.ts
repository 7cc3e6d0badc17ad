// A custom integration API key as pages and the audit log show it. SunCo returns the secret on every read;
// Sunbridge shows it only in the answer to its creation, never stores it, and lists keys masked.
import { maskSecret } from "@/lib/crypto/secret-box";
import type { IntegrationKey } from "@/lib/sunco/schemas";

export function keyView(key: IntegrationKey) {
  return { id: key.id, displayName: key.displayName ?? null };
}

export function maskedKeyView(key: IntegrationKey) {
  return { ...keyView(key), maskedSecret: maskSecret(key.secret) };
}
