// Deletes a webhook; SunCo stops sending its events at once. Sunbridge's own webhook cannot be deleted here:
// without it the connection would silently stop receiving conversations.
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { ConflictError } from "@/lib/errors";
import type { deleteWebhookSchema } from "./schemas";
import { SUNBRIDGE_WEBHOOK_IS_MANAGED, webhookOwner, webhookView } from "./webhook-owner";

export async function deleteWebhook(ctx: MemberContext, { connectionId, integrationId: requested, webhookId }: z.infer<typeof deleteWebhookSchema>) {
  const tenant = await openTenant(ctx, connectionId, "webhooks", { action: "webhook.deleted" });
  const integrationId = webhookOwner(tenant.connection, requested);
  const before = webhookView(await tenant.read(() => tenant.client.webhooks.get(integrationId, webhookId)), integrationId, tenant.connection);
  await tenant.change({ action: "webhook.deleted", target: before.target, before }, async () => {
    if (before.managedBySunbridge) throw new ConflictError(SUNBRIDGE_WEBHOOK_IS_MANAGED);
    await tenant.client.webhooks.delete(integrationId, webhookId);
  });
}
