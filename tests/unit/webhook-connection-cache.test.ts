// The webhook connection cache holds a bounded number of connections however many addresses are posted to: 100,000
// random connection ids leave it at its limit, the connections in use stay cached, and ids that cannot be a
// connection's never reach it or the database.
import { randomBytes } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, installDatabase, type SqlDriver } from "@/lib/db";
import {
  cachedWebhookConnectionCount,
  findWebhookConnection,
  forgetWebhookConnections,
  MAX_CACHED_WEBHOOK_CONNECTIONS,
} from "@/lib/webhooks/webhook-connections";

const KNOWN = "cknownconnection000000001";
const queried: string[] = [];

/** A database that knows one connection, without secrets, and answers in no time. */
const driver = {
  kind: "pglite",
  async query(_text: string, params?: unknown[]) {
    const id = String(params?.[0]);
    queried.push(id);
    const rows = id === KNOWN ? [{ id, organizationId: "o", appId: "a".repeat(24), state: "active", encryptedWebhookSecret: null, encryptedPreviousWebhookSecret: null, previousWebhookSecretExpiresAt: null }] : [];
    return { rows, rowCount: rows.length };
  },
  listen: async () => async () => {},
} as unknown as SqlDriver;

beforeEach(() => {
  installDatabase({ prisma: {} as never, sql: driver });
  forgetWebhookConnections();
  queried.length = 0;
});
afterAll(async () => {
  forgetWebhookConnections();
  await closeDatabase().catch(() => {});
});

const cuidLike = () => `c${randomBytes(12).toString("hex").slice(0, 24)}`;

describe("the webhook connection cache", () => {
  it("stays at its limit after 100,000 lookups of random connection ids, keeping the connection in use", async () => {
    expect(await findWebhookConnection(KNOWN)).toMatchObject({ id: KNOWN });
    for (let i = 0; i < 100_000; i++) {
      expect(await findWebhookConnection(cuidLike())).toBeNull();
      // The real connection keeps receiving deliveries meanwhile.
      if (i % 1000 === 0) expect(await findWebhookConnection(KNOWN)).toMatchObject({ id: KNOWN });
    }
    expect(cachedWebhookConnectionCount()).toBeLessThanOrEqual(MAX_CACHED_WEBHOOK_CONNECTIONS);
    expect(queried.filter((id) => id === KNOWN)).toHaveLength(1);
  });

  it("turns away an id that cannot be a connection's without asking the database or keeping it", async () => {
    for (const id of ["x".repeat(8 * 1024), "../../etc/passwd", "c1 OR 1=1", "\u0000", "", "é".repeat(25)]) {
      expect(await findWebhookConnection(id)).toBeNull();
    }
    expect(queried).toEqual([]);
    expect(cachedWebhookConnectionCount()).toBe(0);
  });
});
