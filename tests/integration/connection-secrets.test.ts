import { afterAll, describe, expect, it } from "vitest";
import { SecretDecryptionError } from "@/lib/crypto/secret-box";
import {
  openConnectionSecret,
  rotateConnectionSecrets,
  sealConnectionSecret,
} from "@/lib/connections/secrets";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { createOrganization } from "../support/builders";
import { withTestDatabase } from "../support/database";

withTestDatabase();
afterAll(() => resetEnvForTests());

const key = (byte: number) => Buffer.alloc(32, byte).toString("base64");

async function connectionWithSecrets(appId: string, token: string, webhookSecret: string) {
  const { organization } = await createOrganization();
  const connection = await db().connection.create({
    data: { organizationId: organization.id, appId, appName: "Acme", authType: "oauth" },
  });
  return db().connection.update({
    where: { id: connection.id },
    data: {
      encryptedAccessToken: sealConnectionSecret(connection.id, "encryptedAccessToken", token),
      encryptedWebhookSecret: sealConnectionSecret(connection.id, "encryptedWebhookSecret", webhookSecret),
    },
  });
}

describe("connection secrets", () => {
  it("are stored encrypted: no plaintext anywhere in the row", async () => {
    resetEnvForTests({ ENCRYPTION_KEYS: `k1:${key(1)}` });
    const connection = await connectionWithSecrets("a".repeat(24), "oauth-token-plaintext", "webhook-secret-plaintext");
    const [raw] = await db().$queryRawUnsafe<object[]>(`SELECT * FROM "Connection" WHERE "id" = $1`, connection.id);
    expect(JSON.stringify(raw)).not.toMatch(/oauth-token-plaintext|webhook-secret-plaintext/);
    expect(openConnectionSecret(connection, "encryptedAccessToken")).toBe("oauth-token-plaintext");
  });

  it("copied to another connection, fail to decrypt", async () => {
    resetEnvForTests({ ENCRYPTION_KEYS: `k1:${key(1)}` });
    const victim = await connectionWithSecrets("b".repeat(24), "victim-token", "victim-secret");
    const attacker = await connectionWithSecrets("c".repeat(24), "attacker-token", "attacker-secret");
    const tampered = await db().connection.update({
      where: { id: attacker.id },
      data: { encryptedAccessToken: victim.encryptedAccessToken },
    });
    expect(() => openConnectionSecret(tampered, "encryptedAccessToken")).toThrow(SecretDecryptionError);
  });

  it("survive a key rotation: everything moves to the new key and still opens", async () => {
    resetEnvForTests({ ENCRYPTION_KEYS: `k1:${key(1)}` });
    const before = await connectionWithSecrets("d".repeat(24), "token-before-rotation", "secret-before-rotation");
    expect(before.encryptedAccessToken).toMatch(/^sb1\.k1\./);

    resetEnvForTests({ ENCRYPTION_KEYS: `k2:${key(2)},k1:${key(1)}` });
    const first = await rotateConnectionSecrets();
    expect(first.secrets).toBeGreaterThanOrEqual(2);
    // The earlier test's copied ciphertext opens with no key: reported, and the rest still rotate.
    expect(first.unreadable.map((u) => u.field)).toEqual(["encryptedAccessToken"]);
    const second = await rotateConnectionSecrets();
    expect(second).toMatchObject({ connections: 0, secrets: 0 });

    resetEnvForTests({ ENCRYPTION_KEYS: `k2:${key(2)}` });
    const after = await db().connection.findUniqueOrThrow({ where: { id: before.id } });
    expect(after.encryptedAccessToken).toMatch(/^sb1\.k2\./);
    expect(openConnectionSecret(after, "encryptedAccessToken")).toBe("token-before-rotation");
    expect(openConnectionSecret(after, "encryptedWebhookSecret")).toBe("secret-before-rotation");
    const all = await db().connection.findMany();
    for (const connection of all.filter((c) => c.id !== first.unreadable[0]!.connectionId)) {
      expect(() => openConnectionSecret(connection, "encryptedAccessToken")).not.toThrow();
    }
  });
});
