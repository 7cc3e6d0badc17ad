// Turning `Authorization: Bearer <key>` into the organization's API-key context. A refused use of a key that exists
// (revoked, expired, wrong secret, missing scope) is audited, at most REFUSALS_AUDITED per key per hour so that a
// flood cannot fill the audit log; an unknown key is only logged, since it names no organization.
import type { ApiKeyContext, ApiScope } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { UnauthenticatedError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { hit } from "@/lib/rate-limit";
import { keyState } from "./manage-api-keys";
import { keyMatches, prefixOf } from "./secret";

const REFUSALS_AUDITED = { limit: 20, seconds: 3600 };
const LAST_USED_EVERY_MS = 60_000;

const BEARER = /^Bearer\s+(\S+)$/i;

/** Every failure reads the same to the caller, so an answer never tells a revoked key from one that never existed. */
const refused = () => new UnauthenticatedError("Send a valid API key as Authorization: Bearer <key>.");

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  organizationId: string;
}

/** Audits a refused use of an existing key, unless this key's refusals were audited often enough this hour. */
export async function auditRefusedUse(key: KeyRow, organizationName: string, reason: string): Promise<void> {
  try {
    const { count } = await hit(`api-key-refused:${key.id}`, REFUSALS_AUDITED);
    if (count > REFUSALS_AUDITED.limit) return;
    const ctx: ApiKeyContext = { actor: { kind: "api_key", id: key.id, name: key.name, prefix: key.prefix }, organization: { id: key.organizationId, name: organizationName }, scopes: [] };
    await recordAudit(ctx, { action: "api_key.refused", target: `${key.name} (${key.prefix})`, error: reason });
  } catch (error) {
    logger().error({ err: error, apiKeyId: key.id }, "could not audit a refused API key");
  }
}

export async function authenticateApiKey(authorization: string | null): Promise<ApiKeyContext> {
  const token = BEARER.exec(authorization?.trim() ?? "")?.[1] ?? "";
  const prefix = prefixOf(token);
  if (!prefix) throw refused();
  const key = await db().apiKey.findUnique({ where: { prefix }, include: { organization: { select: { name: true } } } });
  if (!key) {
    logger().info({ prefix }, "unknown API key refused");
    throw refused();
  }
  const now = new Date();
  const problem = !keyMatches(token, key.secretHash) ? "the key's secret is wrong" : keyState(key, now) !== "active" ? `the key is ${keyState(key, now)}` : null;
  if (problem) {
    await auditRefusedUse(key, key.organization.name, `API key refused: ${problem}.`);
    throw refused();
  }
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) await touch(key.id, now);
  return {
    actor: { kind: "api_key", id: key.id, name: key.name, prefix: key.prefix },
    organization: { id: key.organizationId, name: key.organization.name },
    scopes: key.scopes as ApiScope[],
  };
}

/** Records the use; of simultaneous requests, only the first of the minute writes (the condition is in the update). */
async function touch(apiKeyId: string, now: Date) {
  await db().apiKey.updateMany({
    where: { id: apiKeyId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_EVERY_MS) } }] },
    data: { lastUsedAt: now },
  });
}
