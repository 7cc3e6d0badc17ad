// The SunCo client for a stored connection: its decrypted credentials, region and app, with metrics, and a
// 401 from SunCo moving the connection to needs_reauth wherever the call came from. The only reader of a
// connection's credentials: other domains ask for a client by the connection's id.
import { db, type Prisma } from "@/lib/db";
import type { Connection } from "@/lib/db/generated/client";
import { env, type Env } from "@/lib/env";
import { recordSuncoCall } from "@/lib/observability/sunco-observer";
import { createSuncoClient, getTokenInfo, type SuncoClient, type SuncoCredentials, type SuncoRegion } from "@/lib/sunco";
import type { AppWithSubdomain } from "@/lib/sunco/schemas";
import { ConflictError } from "@/lib/errors";
import { noticeUnauthorized } from "./health";
import { openConnectionSecret } from "./secrets";

export type ConnectionCredentials = Pick<
  Connection,
  "id" | "organizationId" | "appId" | "authType" | "apiKeyId" | "subdomain" | "region" | "encryptedAccessToken" | "encryptedApiKeySecret"
>;

const CREDENTIAL_COLUMNS = {
  id: true,
  organizationId: true,
  appId: true,
  authType: true,
  apiKeyId: true,
  subdomain: true,
  region: true,
  encryptedAccessToken: true,
  encryptedApiKeySecret: true,
} as const satisfies Record<keyof ConnectionCredentials, true> & Prisma.ConnectionSelect;

const noCredentials = () => new ConflictError("This connection has no credentials any more. Connect it again.");

/** A stored connection's credentials, still sealed; null when there is no such connection. */
export function loadConnectionCredentials(connectionId: string): Promise<ConnectionCredentials | null> {
  return db().connection.findUnique({ where: { id: connectionId }, select: CREDENTIAL_COLUMNS });
}

/**
 * The SunCo client of the connection with this id, for code that holds a conversation or a job rather than the
 * connection's row. ConflictError when the connection is gone or has no credentials any more.
 */
export async function clientForConnectionId(connectionId: string): Promise<SuncoClient> {
  const connection = await loadConnectionCredentials(connectionId);
  if (!connection) throw noCredentials();
  return clientForConnection(connection);
}

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
  throw noCredentials();
}

/**
 * The app the connection's credentials reach: GetApp for an app key; an OAuth token may not call GetApp, but
 * tokenInfo answers with the same app.
 */
export function fetchConnectedApp(connection: ConnectionCredentials): Promise<AppWithSubdomain> {
  const credentials = credentialsOf(connection);
  if (credentials.type === "oauth") return getTokenInfo(credentials.accessToken, { observer: { onCall: recordSuncoCall } });
  return clientForConnection(connection).app.get();
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
