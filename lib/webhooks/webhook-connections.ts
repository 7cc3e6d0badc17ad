// The connections webhook deliveries are addressed to, with their accepted secrets, kept in memory for a minute:
// the hot path then touches no table but the one it writes. Every instance forgets a connection the moment the
// database says it changed (a trigger on "Connection" notifies), so a rotated secret or a revocation applies at once.
// Anyone may post to any address, so the cache is bounded (least recently used out first, unknown ids included) and
// an id that cannot be a connection's is turned away before it reaches the cache or the database.
import { createHash, timingSafeEqual } from "node:crypto";
import { loadWebhookSecrets } from "@/lib/connections";
import { sql, type SqlDriver } from "@/lib/db";
import { onWake, type WakeSubscription } from "@/lib/db/notifications";
import { processSingleton } from "@/lib/singletons";

export interface WebhookConnection {
  id: string;
  organizationId: string;
  appId: string;
  /** SHA-256 of each secret accepted as X-API-Key: the current one, and the previous one until it expires. */
  secrets: { digest: Buffer; expiresAt: number | null }[];
}

const CHANGED_CHANNEL = "sunbridge_connection_changed";
const FOUND_TTL_MS = 60_000;
// Short, so that a connection created a moment ago (its webhook checked by SunCo at once) is found soon.
const NOT_FOUND_TTL_MS = 5_000;
/** Far more connections than one deployment serves, and still a few MB at most. */
export const MAX_CACHED_WEBHOOK_CONNECTIONS = 10_000;
/** Connection ids are cuids (25 characters); scripts make others of the same alphabet. Anything else is not ours. */
const CONNECTION_ID = /^[\w-]{1,64}$/;

interface Entry {
  connection: WebhookConnection | null;
  expiresAt: number;
}

interface Cache {
  driver: SqlDriver;
  /** In least recently used order: a Map iterates in insertion order, and a hit is inserted again. */
  entries: Map<string, Entry>;
  loading: Map<string, Promise<WebhookConnection | null>>;
  /** Entries also expire, so a change missed while not listening is forgotten within a minute. */
  changes: Promise<WakeSubscription> | null;
}

const holder = () => processSingleton("webhookConnections", () => ({ cache: undefined as Cache | undefined }));

function cache(): Cache {
  const driver = sql();
  const held = holder();
  // A different database (tests, scripts) means a different world: start afresh.
  if (held.cache?.driver !== driver) {
    forgetWebhookConnections();
    held.cache = { driver, entries: new Map(), loading: new Map(), changes: null };
  }
  return held.cache;
}

function listenForChanges(state: Cache) {
  state.changes ??= onWake(CHANGED_CHANNEL, (connectionId) => state.entries.delete(connectionId), state.driver);
}

const digestOf = (value: string) => createHash("sha256").update(value, "utf8").digest();

async function load(driver: SqlDriver, connectionId: string): Promise<WebhookConnection | null> {
  const found = await loadWebhookSecrets(connectionId, driver);
  // A revoked connection's webhooks are gone in SunCo; anything still arriving is not ours to keep.
  if (!found || found.state === "revoked") return null;
  const secrets: WebhookConnection["secrets"] = [];
  if (found.current) secrets.push({ digest: digestOf(found.current), expiresAt: null });
  if (found.previous) secrets.push({ digest: digestOf(found.previous.secret), expiresAt: found.previous.expiresAt.getTime() });
  return { id: found.id, organizationId: found.organizationId, appId: found.appId, secrets };
}

function remember(state: Cache, connectionId: string, entry: Entry) {
  state.entries.delete(connectionId);
  state.entries.set(connectionId, entry);
  for (const oldest of state.entries.keys()) {
    if (state.entries.size <= MAX_CACHED_WEBHOOK_CONNECTIONS) break;
    state.entries.delete(oldest);
  }
}

/** The connection, or null when there is none (or it was revoked). Throws DatabaseUnavailableError. */
export async function findWebhookConnection(connectionId: string): Promise<WebhookConnection | null> {
  if (!CONNECTION_ID.test(connectionId)) return null;
  const state = cache();
  const entry = state.entries.get(connectionId);
  if (entry && entry.expiresAt > Date.now()) {
    remember(state, connectionId, entry);
    return entry.connection;
  }
  let pending = state.loading.get(connectionId);
  if (!pending) {
    listenForChanges(state);
    pending = load(state.driver, connectionId)
      .then((connection) => {
        const ttl = connection ? FOUND_TTL_MS : NOT_FOUND_TTL_MS;
        remember(state, connectionId, { connection, expiresAt: Date.now() + ttl });
        return connection;
      })
      .finally(() => state.loading.delete(connectionId));
    state.loading.set(connectionId, pending);
  }
  return pending;
}

/**
 * Whether `apiKey` is one of the connection's accepted webhook secrets. Compares digests in constant time and
 * checks every secret, so neither the match nor which secret matched shows in the timing.
 */
export function acceptsApiKey(connection: WebhookConnection, apiKey: string | null, now = Date.now()): boolean {
  if (!apiKey) return false;
  const presented = digestOf(apiKey);
  let accepted = false;
  for (const secret of connection.secrets) {
    const matches = timingSafeEqual(presented, secret.digest);
    const valid = secret.expiresAt === null || secret.expiresAt > now;
    accepted = (matches && valid) || accepted;
  }
  return accepted;
}

/** How many connections (found or not) this process holds (tests). */
export function cachedWebhookConnectionCount(): number {
  return holder().cache?.entries.size ?? 0;
}

/** Drops every cached connection of this process (tests), and stops listening for their changes. */
export function forgetWebhookConnections() {
  const held = holder();
  void held.cache?.changes?.then((subscription) => subscription.stop());
  held.cache = undefined;
}
