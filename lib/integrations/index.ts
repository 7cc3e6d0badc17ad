// A connection's SunCo setup, managed from Sunbridge: webhooks, integrations and their API keys, the app's settings.
// Every change is checked for role, organization and what the connection's credentials may do, and audited.
export { listWebhooks, MAX_WEBHOOKS_PER_APP, type WebhookGroup } from "./list-webhooks";
export { createWebhook } from "./create-webhook";
export { updateWebhook } from "./update-webhook";
export { deleteWebhook } from "./delete-webhook";
export type { WebhookView } from "./webhook-owner";
export { customIntegrationsOf } from "./custom-integrations";
export { listIntegrations, INTEGRATIONS_PAGE_SIZE } from "./list-integrations";
export { getIntegration } from "./get-integration";
export { createCustomIntegration } from "./create-custom-integration";
export { renameIntegration } from "./rename-integration";
export { deleteIntegration } from "./delete-integration";
export { SUNBRIDGE_INTEGRATION_IS_MANAGED, type IntegrationView } from "./integration-view";
export { listIntegrationKeys, MAX_KEYS_PER_INTEGRATION } from "./list-integration-keys";
export { createIntegrationKey } from "./create-integration-key";
export { deleteIntegrationKey } from "./delete-integration-key";
export { getAppDetails, type AppDetails } from "./get-app-details";
export { updateAppSettings } from "./update-app-settings";
export {
  createCustomIntegrationSchema,
  createIntegrationKeySchema,
  createWebhookSchema,
  deleteIntegrationKeySchema,
  deleteWebhookSchema,
  integrationRefSchema,
  listIntegrationsSchema,
  renameIntegrationSchema,
  updateAppSettingsSchema,
  updateWebhookSchema,
} from "./schemas";
