// The SunCo client for a stored connection: its decrypted credentials, region and app, with metrics, and a
// 401 from SunCo moving the connection to needs_reauth wherever the call came from.
import type { Connection } from "@/lib/db/generated/client";
import { env, type Env } from "@/lib/env";
import { recordSuncoCall } from "@/lib/observability/sunco-observer";
import { createSuncoClient, type SuncoClient, type SuncoCredentials, type SuncoRegion } from "@/lib/sunco";
import { ConflictError } from "@/lib/errors";
import { noticeUnauthorized } from "./health";
import { openConnectionSecret } from "./secrets";

export type ConnectionCredentials = Pick<
  Connection,
  "id" | "organizationId" | "appId" | "authType" | "apiKeyId" | "subdomain" | "region" | "encryptedAccessToken" | "encryptedApiKeySecret"
>;

export function regionOf(connection: { subdomain: string | null; region: string | null }): SuncoRegion | undefined {
  if (connection.subdomain) return { subdomain: connection.subdomain };
  if (connection.region === "us" || connection.region === "eu") return connection.region;
  return undefined;
}

function credentialsOf(connection: ConnectionCredentials): SuncoCredentials {
  if (connection.authType === "oauth") {
    const accessToken = openConnectionSecret(connection, "encryptedAccessToken");
    if (accessToken) return { type: "oauth", accessToken };
  } else {
    const secret = openConnectionSecret(connection, "encryptedApiKeySecret");
    if (secret && connection.apiKeyId) {
      return { type: connection.authType === "api_key_jwt" ? "jwt" : "basic", keyId: connection.apiKeyId, secret };
    }
  }
  throw new ConflictError("This connection has no credentials any more. Connect it again.");
}

/**
 * One client per connection, kept while the stored row and the configuration it was built from stay the same: the
 * secret is decrypted once, and a JWT connection signs a token once an hour instead of on every call. Changing the
 * credentials (reconnect, key rotation, disconnect) changes the ciphertext, so the next call builds afresh.
 * A client holds decrypted credentials, so none is kept longer than CLIENT_IDLE_MS after its last use, and a
 * disconnect forgets its own at once.
 */
const clients = new Map<string, { fingerprint: string; settings: Env; client: SuncoClient; usedAt: number }>();
const CLIENTS_KEPT = 1_000;
const CLIENT_IDLE_MS = 10 * 60_000;

function fingerprintOf(connection: ConnectionCredentials): string {
  const { organizationId, appId, authType, apiKeyId, subdomain, region, encryptedAccessToken, encryptedApiKeySecret } = connection;
  return JSON.stringify([organizationId, appId, authType, apiKeyId, subdomain, region, encryptedAccessToken, encryptedApiKeySecret]);
}

export function clientForConnection(connection: ConnectionCredentials): SuncoClient {
  const now = Date.now();
  forgetIdleClients(now);
  const fingerprint = fingerprintOf(connection);
  const settings = env();
  const kept = clients.get(connection.id);
  clients.delete(connection.id);
  if (kept && kept.fingerprint === fingerprint && kept.settings === settings) {
    // Re-inserted: the map stays in order of last use, the least recently used first.
    kept.usedAt = now;
    clients.set(connection.id, kept);
    return kept.client;
  }
  const client = buildClient(connection);
  clients.set(connection.id, { fingerprint, settings, client, usedAt: now });
  if (clients.size > CLIENTS_KEPT) clients.delete(clients.keys().next().value!);
  return client;
}

/** Drops the connection's kept client, and its decrypted credentials with it (on disconnect). */
export function forgetConnectionClient(connectionId: string) {
  clients.delete(connectionId);
}

function forgetIdleClients(now: number) {
  for (const [id, { usedAt }] of clients) {
    if (now - usedAt < CLIENT_IDLE_MS) return;
    clients.delete(id);
  }
}

function buildClient(connection: ConnectionCredentials): SuncoClient {
  return createSuncoClient({
    appId: connection.appId,
    credentials: credentialsOf(connection),
    region: regionOf(connection),
    observer: {
      onCall(event) {
        recordSuncoCall(event);
        if (event.status === 401) noticeUnauthorized(connection, event.operation);
      },
    },
  });
}
