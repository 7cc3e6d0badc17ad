// Changes which events a webhook receives and how much of the user and source they carry. Sunbridge's own
// webhook is left alone: its processing relies on every trigger and the full user and source.
import type { z } from "zod";
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import { ConflictError } from "@/lib/errors";
import type { updateWebhookSchema } from "./schemas";
import { SUNBRIDGE_WEBHOOK_IS_MANAGED, webhookOwner, webhookView } from "./webhook-owner";

export async function updateWebhook(ctx: MemberContext, { connectionId, integrationId: requested, webhookId, ...changes }: z.infer<typeof updateWebhookSchema>) {
  const tenant = await openTenant(ctx, connectionId, "webhooks", { action: "webhook.updated" });
  const integrationId = webhookOwner(tenant.connection, requested);
  const view = (webhook: Parameters<typeof webhookView>[0]) => webhookView(webhook, integrationId, tenant.connection);
  const before = await tenant.read(() => tenant.client.webhooks.get(integrationId, webhookId));
  const updated = await tenant.change(
    { action: "webhook.updated", target: before.target, before: view(before), after: view },
    async () => {
      if (view(before).managedBySunbridge) throw new ConflictError(SUNBRIDGE_WEBHOOK_IS_MANAGED);
      return tenant.client.webhooks.update(integrationId, webhookId, changes);
    },
  );
  return view(updated);
}
