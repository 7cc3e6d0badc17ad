// An integration as the pages and the audit log show it: what it is and whether Sunbridge relies on it, never the
// channel secrets it was configured with.
import { z } from "zod";
import { webhookSchema } from "@/lib/sunco/schemas";

/**
 * The few fields Sunbridge reads, through a small schema of their own: SunCo's integration type is a union of every
 * channel's shape, too large for TypeScript to infer through generics or compare at a reasonable cost (it runs out
 * of memory), so integrations travel as `unknown` until they are read here.
 */
const integrationSummarySchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  displayName: z.string().nullable().optional(),
  status: z.string().optional(),
  webhooks: z.array(webhookSchema).optional(),
});

export type IntegrationSummary = z.infer<typeof integrationSummarySchema>;

/** Read SunCo's answers as `unknown` (e.g. `tenant.read<unknown>(…)`) and pass them here. */
export function integrationSummary(integration: unknown): IntegrationSummary {
  return integrationSummarySchema.parse(integration);
}

export function integrationView({ id, type, displayName, status }: IntegrationSummary, connection: { integrationId: string | null }) {
  return {
    id,
    type,
    displayName: displayName ?? null,
    status: status ?? null,
    /** The custom integration Sunbridge created for an API-key connection: its webhook feeds Sunbridge. */
    managedBySunbridge: id === connection.integrationId,
  };
}

export type IntegrationView = ReturnType<typeof integrationView>;

export const SUNBRIDGE_INTEGRATION_IS_MANAGED =
  "This is the integration Sunbridge receives this app's events through. Disconnect the connection to remove it.";
