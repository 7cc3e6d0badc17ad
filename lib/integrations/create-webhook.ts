// Adds a webhook to an integration of the connection's app. SunCo checks the target with a HEAD request first and
// answers with the webhook's secret, which is shown once and not kept.
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import type { createWebhookSchema } from "./schemas";
import { webhookOwner, webhookView } from "./webhook-owner";

export async function createWebhook(ctx: MemberContext, { connectionId, integrationId: requested, ...body }: z.infer<typeof createWebhookSchema>) {
  const tenant = await openTenant(ctx, connectionId, "webhooks", { action: "webhook.created" });
  const integrationId = webhookOwner(tenant.connection, requested);
  const webhook = await tenant.change(
    { action: "webhook.created", target: body.target, after: (created) => webhookView(created, integrationId, tenant.connection) },
    () => tenant.client.webhooks.create(integrationId, body),
  );
  return { webhook: webhookView(webhook, integrationId, tenant.connection), secret: webhook.secret ?? null };
}
