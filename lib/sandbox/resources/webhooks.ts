// Webhooks of an integration: at most 10 per app, targets within webhooks/targets.ts's rules and checked with a HEAD
// request first (as SunCo does), a fresh secret each, and the rule that an integration token sees only its own
// integration's webhooks.
import type { Principal } from "../auth";
import type { SandboxContext } from "../context";
import { badRequest, forbidden, integrationNotFound } from "../errors";
import { objectId, webhookSecret } from "../ids";
import type { IntegrationRecord, WebhookRecord } from "../state";

export const MAX_WEBHOOKS_PER_APP = 10;
const HEAD_CHECK_TIMEOUT_MS = 10_000;

/** `{integrationId}` in a webhook path: `me` is the caller's own integration; other integrations are off limits to tokens. */
export function webhookIntegration(ctx: SandboxContext, principal: Principal, appId: string, reference: string): IntegrationRecord {
  const own = principal.scope === "integration" ? principal.integrationId : undefined;
  if (reference === "me" && !own) throw integrationNotFound();
  const id = reference === "me" ? own! : reference;
  if (own && id !== own) throw forbidden("An integration can only manage its own webhooks");
  const integration = ctx.state.integrations.get(id);
  if (!integration || integration.appId !== appId) throw integrationNotFound();
  if (integration.type !== "custom" && !integration.oauthClientId) {
    throw badRequest("Webhooks belong to custom integrations and OAuth integrations only");
  }
  return integration;
}

export async function verifyTarget(ctx: SandboxContext, target: string): Promise<void> {
  if (!ctx.webhookTargets.allows(target)) {
    throw badRequest(`The sandbox only sends webhooks to ${ctx.webhookTargets.allowed}, not to ${target}`);
  }
  if (!ctx.verifyWebhookTargets) return;
  let problem: string | undefined;
  try {
    const response = await ctx.http(target, { method: "HEAD", redirect: "manual", signal: AbortSignal.timeout(HEAD_CHECK_TIMEOUT_MS) });
    if (response.status < 200 || response.status >= 300) problem = `it answered ${response.status}`;
  } catch (error) {
    problem = `it could not be reached (${(error as Error).message})`;
  }
  if (problem) throw badRequest(`The webhook target ${target} must answer a HEAD request with 2xx, but ${problem}`);
}

export async function createWebhook(
  ctx: SandboxContext,
  integration: IntegrationRecord,
  input: { target: string; triggers: string[]; includeFullUser?: boolean; includeFullSource?: boolean },
): Promise<WebhookRecord> {
  if (ctx.state.webhooks.where((w) => w.appId === integration.appId).length >= MAX_WEBHOOKS_PER_APP) {
    throw badRequest(`An app is limited to ${MAX_WEBHOOKS_PER_APP} webhooks`);
  }
  await verifyTarget(ctx, input.target);
  const webhook = ctx.state.webhooks.insert({
    id: objectId(ctx.clock.now()),
    appId: integration.appId,
    integrationId: integration.id,
    version: "v2",
    target: input.target,
    triggers: [...new Set(input.triggers)],
    secret: webhookSecret(),
    includeFullUser: input.includeFullUser ?? false,
    includeFullSource: input.includeFullSource ?? false,
  });
  ctx.changed();
  return webhook;
}
