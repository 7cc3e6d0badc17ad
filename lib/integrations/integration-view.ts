// An integration as the pages and the audit log show it: what it is and whether Sunbridge relies on it, never the
// channel secrets it was configured with.
import type { Integration } from "@/lib/sunco/schemas";

export function integrationView(
  integration: Pick<Integration, "id" | "type" | "displayName" | "status">,
  connection: { integrationId: string | null },
) {
  return {
    id: integration.id,
    type: integration.type,
    displayName: integration.displayName ?? null,
    status: integration.status ?? null,
    /** The custom integration Sunbridge created for an API-key connection: its webhook feeds Sunbridge. */
    managedBySunbridge: integration.id === connection.integrationId,
  };
}

export type IntegrationView = ReturnType<typeof integrationView>;

export const SUNBRIDGE_INTEGRATION_IS_MANAGED =
  "This is the integration Sunbridge receives this app's events through. Disconnect the connection to remove it.";
