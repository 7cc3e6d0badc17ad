// API keys an app or a custom integration issues: at most 10 each, with their secret shown on every read.
import type { SandboxContext } from "../context";
import { badRequest } from "../errors";
import { apiKeyId, apiKeySecret } from "../ids";
import type { ApiKeyRecord, AppRecord } from "../state";

export const MAX_KEYS = 10;

/** An app key (`app_…`), or with `integrationId` a custom integration's key (`int_…`). */
export function keysOf(ctx: SandboxContext, owner: { appId: string; integrationId?: string }): ApiKeyRecord[] {
  return owner.integrationId
    ? ctx.state.keys.where((k) => k.scope === "integration" && k.integrationId === owner.integrationId)
    : ctx.state.keys.where((k) => k.scope === "app" && k.appId === owner.appId);
}

export function issueKey(ctx: SandboxContext, app: AppRecord, displayName: string, integrationId?: string): ApiKeyRecord {
  if (keysOf(ctx, { appId: app.id, integrationId }).length >= MAX_KEYS) {
    throw badRequest(`${integrationId ? "An integration" : "An app"} can have at most ${MAX_KEYS} API keys`);
  }
  const key = ctx.state.keys.insert({
    id: apiKeyId(integrationId ? "int" : "app", ctx.clock.now()),
    secret: apiKeySecret(),
    displayName,
    scope: integrationId ? "integration" : "app",
    accountId: app.accountId,
    appId: app.id,
    ...(integrationId ? { integrationId } : {}),
  });
  ctx.changed();
  return key;
}
