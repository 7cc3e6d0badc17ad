// A connection's credentials, sealed per field: the ciphertext of one connection's token does not open
// as another connection's, nor as another field of the same one.
import { decryptSecret, encryptSecret, isCurrentKey, SecretDecryptionError } from "@/lib/crypto/secret-box";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";

export const CONNECTION_SECRET_FIELDS = [
  "encryptedAccessToken",
  "encryptedApiKeySecret",
  "encryptedWebhookSecret",
  "encryptedPreviousWebhookSecret",
] as const;

export type ConnectionSecretField = (typeof CONNECTION_SECRET_FIELDS)[number];

const context = (connectionId: string, field: ConnectionSecretField) => `connection:${connectionId}:${field}`;

export function sealConnectionSecret(connectionId: string, field: ConnectionSecretField, plaintext: string) {
  return encryptSecret(plaintext, context(connectionId, field));
}

export function openConnectionSecret(
  connection: { id: string } & Partial<Record<ConnectionSecretField, string | null>>,
  field: ConnectionSecretField,
): string | null {
  const stored = connection[field];
  return stored ? decryptSecret(stored, context(connection.id, field)) : null;
}

/**
 * Re-encrypts every connection secret that is not under the current key (`npm run keys:rotate`), one
 * connection per transaction, locking the row so a concurrent write is not lost. Safe to run again.
 * A secret that no configured key opens is reported, not fatal: the rest still move.
 */
export async function rotateConnectionSecrets(): Promise<{
  connections: number;
  secrets: number;
  unreadable: { connectionId: string; field: ConnectionSecretField }[];
}> {
  let connections = 0;
  let secrets = 0;
  const unreadable: { connectionId: string; field: ConnectionSecretField }[] = [];
  let after: string | undefined;
  for (;;) {
    const batch = await db().connection.findMany({
      where: after ? { id: { gt: after } } : {},
      select: { id: true },
      orderBy: { id: "asc" },
      take: 100,
    });
    if (batch.length === 0) break;
    after = batch.at(-1)!.id;
    for (const { id } of batch) {
      const rotated = await db().$transaction(async (tx) => {
        const [row] = await tx.$queryRawUnsafe<Record<ConnectionSecretField | "id" | "organizationId", string | null>[]>(
          `SELECT "id", "organizationId", ${CONNECTION_SECRET_FIELDS.map((f) => `"${f}"`).join(", ")} FROM "Connection" WHERE "id" = $1 FOR UPDATE`,
          id,
        );
        if (!row) return 0;
        const changes: Partial<Record<ConnectionSecretField, string>> = {};
        for (const field of CONNECTION_SECRET_FIELDS) {
          const stored = row[field];
          if (!stored || isCurrentKey(stored)) continue;
          try {
            changes[field] = sealConnectionSecret(id, field, openConnectionSecret({ id, [field]: stored }, field)!);
          } catch (error) {
            if (!(error instanceof SecretDecryptionError)) throw error;
            unreadable.push({ connectionId: id, field });
          }
        }
        if (Object.keys(changes).length === 0) return 0;
        await tx.connection.update({ where: { id }, data: changes });
        await recordAudit(
          { organizationId: row.organizationId!, label: "system" },
          { action: "connection.secrets_reencrypted", connectionId: id, after: { fields: Object.keys(changes) } },
          tx,
        );
        return Object.keys(changes).length;
      });
      if (rotated > 0) connections += 1;
      secrets += rotated;
    }
  }
  return { connections, secrets, unreadable };
}
