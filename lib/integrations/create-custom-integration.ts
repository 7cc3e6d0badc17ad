// Creates a custom integration with its one webhook (SunCo takes both in one call) and, when asked, an API key for
// it. The key is a second call: if it fails, the integration stays and the result says exactly what exists.
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { integrationView } from "./integration-view";
import { issueIntegrationKey } from "./create-integration-key";
import type { createCustomIntegrationSchema } from "./schemas";
import { webhookView } from "./webhook-owner";

export async function createCustomIntegration(ctx: MemberContext, { connectionId, displayName, keyName, ...webhook }: z.infer<typeof createCustomIntegrationSchema>) {
  const tenant = await openTenant(ctx, connectionId, "integrations", { action: "integration.created" });
  const created = await tenant.change(
    {
      action: "integration.created",
      target: displayName,
      after: (integration) => ({
        ...integrationView(integration, tenant.connection),
        webhook: { target: webhook.target, triggers: webhook.triggers },
      }),
    },
    () => tenant.client.integrations.create({ type: "custom", displayName, webhooks: [webhook] }),
  );
  // SunCo answers with the custom integration's webhook, secret included.
  const createdWebhook = created.type === "custom" ? created.webhooks?.[0] : undefined;
  const result = {
    integration: integrationView(created, tenant.connection),
    webhook: createdWebhook ? webhookView(createdWebhook, created.id, tenant.connection) : null,
    webhookSecret: createdWebhook?.secret ?? null,
    key: null as Awaited<ReturnType<typeof issueIntegrationKey>> | null,
    /** Set when a follow-up step failed: what exists now, and what did not happen. */
    incomplete: null as string | null,
  };
  if (!keyName) return result;
  try {
    result.key = await issueIntegrationKey(tenant, created.id, keyName);
  } catch (error) {
    result.incomplete =
      `The integration “${displayName}” (${created.id}) was created with its webhook, but its API key was not: ` +
      `${(error as Error).message} Add a key from the integration's page.`;
  }
  return result;
}
