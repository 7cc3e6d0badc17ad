// Whose webhooks a connection manages: an OAuth token only its own integration's (`integrations/me`, as the spec
// allows), an app key those of any custom integration in the app.
import { ForbiddenError, InvalidInputError } from "@/lib/errors";
import { OWN_INTEGRATION } from "@/lib/sunco";
import type { Webhook } from "@/lib/sunco/schemas";

export function webhookOwner(connection: { authType: string }, requested: string | undefined): string {
  if (connection.authType === "oauth") {
    if (requested && requested !== OWN_INTEGRATION) {
      throw new ForbiddenError("An OAuth token manages only its own integration's webhooks (integrations/me).");
    }
    return OWN_INTEGRATION;
  }
  if (!requested || requested === OWN_INTEGRATION) {
    throw new InvalidInputError("Choose the custom integration the webhook belongs to.", {
      integrationId: ["Choose a custom integration."],
    });
  }
  return requested;
}

/** A webhook as the pages and the audit log show it: never its secret. */
export function webhookView(webhook: Webhook, integrationId: string, connection: { webhookId: string | null }) {
  return {
    id: webhook.id,
    integrationId,
    target: webhook.target,
    triggers: webhook.triggers,
    includeFullUser: webhook.includeFullUser ?? false,
    includeFullSource: webhook.includeFullSource ?? false,
    /** Sunbridge's own webhook for this connection: the events it processes arrive through it. */
    managedBySunbridge: webhook.id === connection.webhookId,
  };
}

export type WebhookView = ReturnType<typeof webhookView>;

export const SUNBRIDGE_WEBHOOK_IS_MANAGED =
  "This is the webhook Sunbridge receives this app's events through, so Sunbridge keeps it as it is. Disconnect the connection to remove it.";
