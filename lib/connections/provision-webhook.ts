// Every connection has exactly one SunCo webhook pointing at Sunbridge. Provisioning is idempotent: it
// finds a webhook we made earlier (by its target), brings it up to date, removes duplicates, and creates
// one only when none exists. OAuth connections own theirs through `integrations/me`; API-key connections
// through a custom integration Sunbridge creates in the tenant's app.
import { env } from "@/lib/env";
import { OWN_INTEGRATION, SuncoError, type SuncoClient } from "@/lib/sunco";
import { WEBHOOK_TRIGGERS, type Webhook } from "@/lib/sunco/schemas";

/** Every trigger Sunbridge processes: all of SunCo's except passthrough (raw channel payloads, no schema). */
export const SUNBRIDGE_TRIGGERS = WEBHOOK_TRIGGERS.filter((trigger) => trigger !== "passthrough:messaging");

export const CUSTOM_INTEGRATION_NAME = "Sunbridge";

export function webhookTargetFor(connectionId: string) {
  return new URL(`/api/webhooks/sunco/${connectionId}`, env().APP_URL).toString();
}

export interface ProvisionedWebhook {
  integrationId: string;
  webhookId: string;
  secret: string;
  triggers: string[];
}

const desired = (target: string) => ({
  target,
  triggers: [...SUNBRIDGE_TRIGGERS],
  includeFullUser: true,
  includeFullSource: true,
});

function isUpToDate(webhook: Webhook, target: string) {
  const want = desired(target);
  return (
    webhook.target === want.target &&
    webhook.includeFullUser === true &&
    webhook.includeFullSource === true &&
    want.triggers.every((trigger) => webhook.triggers.includes(trigger)) &&
    webhook.triggers.length === want.triggers.length
  );
}

/** Within one integration: keep one webhook with our target (updated), delete the others with it. */
async function ensureWebhookIn(client: SuncoClient, integrationId: string, target: string): Promise<ProvisionedWebhook> {
  const ours = (await client.webhooks.list(integrationId)).filter((webhook) => webhook.target === target);
  const [keep, ...duplicates] = ours;
  for (const duplicate of duplicates) await client.webhooks.delete(integrationId, duplicate.id);
  const webhook = !keep
    ? await client.webhooks.create(integrationId, desired(target))
    : isUpToDate(keep, target)
      ? keep
      : await client.webhooks.update(integrationId, keep.id, desired(target));
  if (!webhook.secret) throw new Error("SunCo returned a webhook without its secret.");
  return { integrationId, webhookId: webhook.id, secret: webhook.secret, triggers: webhook.triggers };
}

export async function provisionOAuthWebhook(client: SuncoClient, connectionId: string): Promise<ProvisionedWebhook> {
  return ensureWebhookIn(client, OWN_INTEGRATION, webhookTargetFor(connectionId));
}

/**
 * API-key connections: our custom integration (created with its one webhook, as SunCo requires), reused
 * when `knownIntegrationId` still exists.
 */
export async function provisionCustomIntegrationWebhook(
  client: SuncoClient,
  connectionId: string,
  knownIntegrationId: string | null,
): Promise<ProvisionedWebhook> {
  const target = webhookTargetFor(connectionId);
  if (knownIntegrationId) {
    try {
      await client.integrations.get(knownIntegrationId);
      return await ensureWebhookIn(client, knownIntegrationId, target);
    } catch (error) {
      if (!(error instanceof SuncoError && error.kind === "not_found")) throw error;
    }
  }
  const integration = await client.integrations.create({
    type: "custom",
    displayName: CUSTOM_INTEGRATION_NAME,
    webhooks: [desired(target)],
  });
  const webhook = "webhooks" in integration ? (integration.webhooks as Webhook[] | undefined)?.[0] : undefined;
  if (!webhook?.secret) return ensureWebhookIn(client, integration.id, target);
  return { integrationId: integration.id, webhookId: webhook.id, secret: webhook.secret, triggers: webhook.triggers };
}
