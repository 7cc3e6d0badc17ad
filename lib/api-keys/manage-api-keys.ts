// Owners and admins create, list and revoke their organization's API keys; each create and revoke is audited.
import { type MemberContext, requireAuthority } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { ApiScope } from "@/lib/auth/actor";
import type { CreateApiKeyInput } from "./schemas";
import { generateKey } from "./secret";

const MANAGE = { role: "admin", scope: "manage" } as const;

export type ApiKeyState = "active" | "expired" | "revoked";

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  createdByName: string | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  state: ApiKeyState;
}

export function keyState(key: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()): ApiKeyState {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return "active";
}

/** The key's secret is in the answer and nowhere else: it is shown once. */
export async function createApiKey(ctx: MemberContext, input: CreateApiKeyInput): Promise<{ key: string; apiKey: ApiKeyView }> {
  requireAuthority(ctx, MANAGE, "can create API keys");
  const { key, prefix, secretHash } = generateKey();
  const created = await db().$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { organizationId: ctx.organization.id, name: input.name, prefix, secretHash, scopes: input.scopes, expiresAt: input.expiresAt ?? null, createdById: ctx.actor.id },
    });
    await recordAudit(ctx, { action: "api_key.created", target: `${input.name} (${prefix})`, after: { name: input.name, prefix, scopes: input.scopes, expiresAt: input.expiresAt ?? null } }, tx);
    return row;
  });
  const { id, name, createdAt, lastUsedAt, expiresAt, revokedAt } = created;
  return { key, apiKey: { id, name, prefix, scopes: input.scopes, createdAt, createdByName: ctx.actor.name, lastUsedAt, expiresAt, revokedAt, state: "active" } };
}

export async function listApiKeys(ctx: MemberContext): Promise<ApiKeyView[]> {
  requireAuthority(ctx, MANAGE, "can see API keys");
  const rows = await db().apiKey.findMany({
    where: { organizationId: ctx.organization.id },
    include: { createdBy: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiScope[],
    createdAt: row.createdAt,
    createdByName: row.createdBy?.name ?? null,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    state: keyState(row),
  }));
}

/** Revoking twice is harmless: the first revocation's time stays. */
export async function revokeApiKey(ctx: MemberContext, apiKeyId: string): Promise<void> {
  requireAuthority(ctx, MANAGE, "can revoke API keys");
  await db().$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: apiKeyId, organizationId: ctx.organization.id } });
    if (!key) throw new NotFoundError("There is no such API key in this organization.");
    if (key.revokedAt) return;
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    await recordAudit(ctx, { action: "api_key.revoked", target: `${key.name} (${key.prefix})`, before: { state: keyState(key) }, after: { state: "revoked" } }, tx);
  });
}
