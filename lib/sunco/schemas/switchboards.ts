// The switchboard (one per app), its switchboard integrations, and the control actions on a conversation.
import { z } from "zod";
import { metadataSchema, wrapped } from "./common";

export const switchboardSchema = z.looseObject({
  id: z.string(),
  /** While disabled, every linked integration receives all events. */
  enabled: z.boolean(),
  /** Takes control of new conversations (a channel's defaultResponderId may take precedence). */
  defaultSwitchboardIntegrationId: z.string().nullable().optional(),
});

const messageHistoryCountSchema = z.number().int().min(1).max(10).nullable();

export const switchboardIntegrationSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  integrationId: z.string(),
  /** An OAuth integration's type is its OAuth client id, e.g. `zd:agentWorkspace`. */
  integrationType: z.string(),
  /** Whether webhooks are sent while this integration is in standby. */
  deliverStandbyEvents: z.boolean(),
  /** Where control goes by default on pass/offer `next`. */
  nextSwitchboardIntegrationId: z.string().nullable().optional(),
  messageHistoryCount: messageHistoryCountSchema.optional(),
});

/** Used in control transfers, so restricted to what fits in a reference. */
const switchboardIntegrationNameSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, "may contain only letters, digits, - and _");

export const switchboardUpdateBodySchema = z.object({
  enabled: z.boolean().optional(),
  defaultSwitchboardIntegrationId: z.string().min(1).optional(),
});

const switchboardIntegrationFields = {
  name: switchboardIntegrationNameSchema,
  /** Links a custom integration. */
  integrationId: z.string().min(1).optional(),
  /** Links an OAuth integration, by its client id. */
  integrationType: z.string().min(1).optional(),
  nextSwitchboardIntegrationId: z.string().min(1).nullable().optional(),
  messageHistoryCount: messageHistoryCountSchema.optional(),
};

type IntegrationLink = { integrationId?: string; integrationType?: string };
const linksBoth = (link: IntegrationLink) => link.integrationId !== undefined && link.integrationType !== undefined;

export const switchboardIntegrationCreateBodySchema = z
  .object({ ...switchboardIntegrationFields, deliverStandbyEvents: z.boolean().default(true) })
  .refine((link) => !linksBoth(link) && (link.integrationId !== undefined || link.integrationType !== undefined), {
    path: ["integrationId"],
    message: "or integrationType is required, but not both",
  });

export const switchboardIntegrationUpdateBodySchema = z
  .object({ ...switchboardIntegrationFields, deliverStandbyEvents: z.boolean().optional() })
  .partial()
  .refine((link) => !linksBoth(link), { path: ["integrationType"], message: "cannot be combined with integrationId" });

/**
 * PassControl / OfferControl target: a switchboard integration's id, name or integrationType (matched in that order;
 * ambiguity is an error), or `next`. Metadata is echoed in the switchboard:* webhook.
 */
const controlTransferBodySchema = z.object({
  switchboardIntegration: z.string().min(1),
  metadata: metadataSchema.optional(),
});

export const passControlBodySchema = controlTransferBodySchema;
/** Cannot target the active integration; invalidates earlier offers. */
export const offerControlBodySchema = controlTransferBodySchema;
/** With an integration token, only the pending integration may accept (403 otherwise). */
export const acceptControlBodySchema = z.object({ metadata: metadataSchema.optional() });
/** With an integration token, only the active integration may release (403 otherwise). The body is optional. */
export const releaseControlBodySchema = acceptControlBodySchema;

export const switchboardResponseSchema = wrapped("switchboard", switchboardSchema);
export const switchboardListResponseSchema = wrapped("switchboards", z.array(switchboardSchema));
export const switchboardIntegrationResponseSchema = wrapped("switchboardIntegration", switchboardIntegrationSchema);
export const switchboardIntegrationListResponseSchema = wrapped(
  "switchboardIntegrations",
  z.array(switchboardIntegrationSchema),
);

export type Switchboard = z.infer<typeof switchboardSchema>;
export type SwitchboardIntegration = z.infer<typeof switchboardIntegrationSchema>;
