// The webhooks a connection can see, grouped by the integration that owns them: with an OAuth token only its own
// integration's; with an app key every custom integration's (SunCo lists webhooks per integration only).
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant, type ConnectionRef } from "@/lib/connections";
import { OWN_INTEGRATION } from "@/lib/sunco";
import { customIntegrationsOf } from "./custom-integrations";
import { webhookView, type WebhookView } from "./webhook-owner";

/** SunCo's limit per app. */
export const MAX_WEBHOOKS_PER_APP = 10;

export interface WebhookGroup {
  integrationId: string;
  integrationName: string;
  webhooks: WebhookView[];
}

export async function listWebhooks(ctx: MemberContext, { connectionId }: ConnectionRef) {
  const tenant = await openTenant(ctx, connectionId, "webhooks");
  const { connection } = tenant;
  const owners =
    connection.authType === "oauth"
      ? [{ id: OWN_INTEGRATION, name: "This OAuth integration (integrations/me)" }]
      : (await customIntegrationsOf(tenant)).map((integration) => ({ id: integration.id, name: integration.displayName ?? integration.id }));
  const groups: WebhookGroup[] = await tenant.read(() =>
    Promise.all(
      owners.map(async (owner) => ({
        integrationId: owner.id,
        integrationName: owner.name,
        webhooks: (await tenant.client.webhooks.list(owner.id)).map((webhook) => webhookView(webhook, owner.id, connection)),
      })),
    ),
  );
  return { groups, count: groups.reduce((sum, group) => sum + group.webhooks.length, 0) };
}
