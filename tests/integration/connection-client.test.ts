// A connection's SunCo client is built once and kept while the stored row and the configuration stay the same.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { clientForConnection } from "@/lib/connections";
import { forgetConnectionClient } from "@/lib/connections/sunco-access";
import { sealConnectionSecret } from "@/lib/connections/secrets";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { ConflictError } from "@/lib/errors";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server";
import { createOrganization } from "../support/builders";
import { withTestDatabase } from "../support/database";

withTestDatabase();

let server: ScriptedServer;
const settings = () => ({ ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}`, SUNCO_API_BASE_URL: server.url });

beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => {
  resetEnvForTests();
  await server.close();
});

async function storeToken(connectionId: string, token: string | null) {
  return db().connection.update({
    where: { id: connectionId },
    data: { encryptedAccessToken: token === null ? null : sealConnectionSecret(connectionId, "encryptedAccessToken", token) },
  });
}

/** An OAuth connection of a new organization, with its token stored. */
async function oauthConnection(appId: string, token: string) {
  resetEnvForTests(settings());
  const { organization } = await createOrganization();
  const created = await db().connection.create({ data: { organizationId: organization.id, appId, appName: "Acme", authType: "oauth" } });
  return storeToken(created.id, token);
}

/** What the client sends SunCo: one harmless call, and the headers it carried. */
async function headersSentBy(client: ReturnType<typeof clientForConnection>) {
  server.reset();
  await client.activities.post("c1", { author: { type: "business" }, type: "typing:start" });
  return server.requests[0]!.headers;
}

describe("the SunCo client of a connection", () => {
  it("is kept across calls, and built afresh when the credentials or the configuration change", async () => {
    const stored = await oauthConnection("a".repeat(24), "first-token");

    const client = clientForConnection(stored);
    // Each request reads the row again: an equal row finds the same client.
    expect(clientForConnection(await db().connection.findUniqueOrThrow({ where: { id: stored.id } }))).toBe(client);
    expect((await headersSentBy(client)).authorization).toBe("Bearer first-token");

    const reconnected = await storeToken(stored.id, "second-token");
    const afterReconnect = clientForConnection(reconnected);
    expect(afterReconnect).not.toBe(client);
    expect((await headersSentBy(afterReconnect)).authorization).toBe("Bearer second-token");

    resetEnvForTests({ ...settings(), SUNCO_MARKETPLACE_NAME: "Acme Bridge" });
    const reconfigured = clientForConnection(reconnected);
    expect(reconfigured).not.toBe(afterReconnect);
    expect((await headersSentBy(reconfigured))["x-zendesk-marketplace-name"]).toBe("Acme Bridge");

    const disconnected = await storeToken(stored.id, null);
    expect(() => clientForConnection(disconnected)).toThrow(ConflictError);
  });

  it("is not kept past ten idle minutes, nor after it is forgotten (disconnect), since it holds decrypted credentials", async () => {
    const stored = await oauthConnection("b".repeat(24), "idle-token");
    const first = clientForConnection(stored);
    forgetConnectionClient(stored.id);
    const second = clientForConnection(stored);
    expect(second).not.toBe(first);

    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 9 * 60_000);
      expect(clientForConnection(stored)).toBe(second);
      vi.setSystemTime(Date.now() + 11 * 60_000);
      expect(clientForConnection(stored)).not.toBe(second);
    } finally {
      vi.useRealTimers();
    }
  });
});
