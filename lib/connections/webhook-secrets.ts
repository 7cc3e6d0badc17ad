// The secrets a connection's webhook deliveries must carry as X-API-Key, opened for the webhook route. Read with one
// raw statement on the driver the route's cache listens on: the intake path runs on raw SQL from end to end, so a
// database outage shows there as DatabaseUnavailableError (503, SunCo retries) whichever statement meets it.
import { sql, statement, type SqlExecutor } from "@/lib/db";
import type { ConnectionState } from "@/lib/db/generated/enums";
import { DatabaseUnavailableError } from "@/lib/errors";
import { openConnectionSecret } from "./secrets";

export interface WebhookSecrets {
  id: string;
  organizationId: string;
  appId: string;
  state: ConnectionState;
  /** The secret SunCo sends now; null before the webhook is provisioned. */
  current: string | null;
  /** The secret before the last rotation, accepted until `expiresAt`. */
  previous: { secret: string; expiresAt: Date } | null;
}

interface Row {
  id: string;
  organizationId: string;
  appId: string;
  state: ConnectionState;
  encryptedWebhookSecret: string | null;
  encryptedPreviousWebhookSecret: string | null;
  previousWebhookSecretExpiresAt: Date | null;
}

const SELECT_SECRETS = statement<Row>(
  `SELECT "id", "organizationId", "appId", "state", "encryptedWebhookSecret", "encryptedPreviousWebhookSecret",
          "previousWebhookSecretExpiresAt"
     FROM "Connection" WHERE "id" = $1`,
  {
    id: "string",
    organizationId: "string",
    appId: "string",
    state: "string",
    encryptedWebhookSecret: "string?",
    encryptedPreviousWebhookSecret: "string?",
    previousWebhookSecretExpiresAt: "Date?",
  },
);

/** The connection's webhook secrets, or null when there is no such connection. Throws DatabaseUnavailableError. */
export async function loadWebhookSecrets(connectionId: string, executor: SqlExecutor = sql()): Promise<WebhookSecrets | null> {
  let rows: Row[];
  try {
    ({ rows } = await executor.query(SELECT_SECRETS, [connectionId]));
  } catch (error) {
    throw new DatabaseUnavailableError(undefined, { cause: error });
  }
  const row = rows[0];
  if (!row) return null;
  const { id, organizationId, appId, state } = row;
  // A revoked connection's webhooks are gone in SunCo: it accepts no secret, and none is opened.
  if (state === "revoked") return { id, organizationId, appId, state, current: null, previous: null };
  const previous = openConnectionSecret(row, "encryptedPreviousWebhookSecret");
  return {
    id,
    organizationId,
    appId,
    state,
    current: openConnectionSecret(row, "encryptedWebhookSecret"),
    previous: previous && row.previousWebhookSecretExpiresAt ? { secret: previous, expiresAt: row.previousWebhookSecretExpiresAt } : null,
  };
}
