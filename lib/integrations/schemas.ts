// What the connection settings forms send about webhooks, integrations, their keys and the app, in words a form
// can show. SunCo checks the rest (limits, types) and its refusals are shown as it words them.
import { z } from "zod";
import { connectionIdSchema, suncoIdSchema } from "@/lib/connections";
import { INTEGRATION_TYPES, WEBHOOK_TRIGGERS } from "@/lib/sunco/schemas";
import { checkboxSchema, optionalTextSchema } from "@/lib/validation";

export const displayNameSchema = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.");

const webhookSettings = {
  triggers: z
    .array(z.enum(WEBHOOK_TRIGGERS, { error: "is not a SunCo webhook trigger" }), { error: "Choose at least one trigger." })
    .min(1, "Choose at least one trigger."),
  includeFullUser: checkboxSchema,
  includeFullSource: checkboxSchema,
};

const webhookTargetSchema = z
  .string({ error: "Enter the URL SunCo should send events to." })
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: "Enter an http or https URL for SunCo to send events to." }));

/** A custom integration's id; with an OAuth connection the only integration is its own ("me"), so it may be left out. */
const webhookIntegrationSchema = optionalTextSchema(z.union([z.literal("me"), suncoIdSchema("integration")]));

export const createWebhookSchema = z.object({
  connectionId: connectionIdSchema,
  integrationId: webhookIntegrationSchema,
  target: webhookTargetSchema,
  ...webhookSettings,
});

export const deleteWebhookSchema = z.object({
  connectionId: connectionIdSchema,
  integrationId: webhookIntegrationSchema,
  webhookId: suncoIdSchema("webhook"),
});

export const updateWebhookSchema = deleteWebhookSchema.extend(webhookSettings);

export const listIntegrationsSchema = z.object({
  connectionId: connectionIdSchema,
  types: z
    .array(z.enum(INTEGRATION_TYPES, { error: `must be one of ${INTEGRATION_TYPES.join(", ")}` }))
    .optional()
    .default([]),
  after: optionalTextSchema(suncoIdSchema("integration")),
});

export const createCustomIntegrationSchema = z.object({
  connectionId: connectionIdSchema,
  displayName: displayNameSchema,
  target: webhookTargetSchema,
  ...webhookSettings,
  /** When given, an API key is created for the new integration too. */
  keyName: optionalTextSchema(displayNameSchema),
});

export const integrationRefSchema = z.object({
  connectionId: connectionIdSchema,
  integrationId: suncoIdSchema("integration"),
});

export const renameIntegrationSchema = integrationRefSchema.extend({ displayName: displayNameSchema });

export const createIntegrationKeySchema = integrationRefSchema.extend({ displayName: displayNameSchema });

export const deleteIntegrationKeySchema = integrationRefSchema.extend({
  keyId: z.string({ error: "Choose a key." }).trim().regex(/^int_[\w-]+$/, "Custom integration key ids start with int_."),
});

const retentionSchema = optionalTextSchema(
  z.coerce
    .number({ error: "Enter a whole number of seconds." })
    .int("Enter a whole number of seconds.")
    .min(0, "Use 0 (keep forever) or more seconds."),
);

/** The settings a form edits; multiConvoEnabled can only ever be turned on. */
export const updateAppSettingsSchema = z.object({
  connectionId: connectionIdSchema,
  displayName: displayNameSchema,
  conversationRetentionSeconds: retentionSchema,
  maskCreditCardNumbers: checkboxSchema,
  useAnimalNames: checkboxSchema,
  echoPostback: checkboxSchema,
  ignoreAutoConversationStart: checkboxSchema,
  multiConvoEnabled: checkboxSchema,
  appLocalizationEnabled: checkboxSchema,
  endSessionEnabled: checkboxSchema,
  disableConversationReopen: checkboxSchema,
});
