// Integrations (channels and custom integrations), custom-integration API keys, and webhooks.
import { iteratePages } from "../pagination";
import type { IntegrationType } from "../schemas";
import type { OperationBody } from "../schemas/operations";
import type { CallOptions } from "../transport";
import { pageOf, pageQuery, type Invoke, type IterateOptions, type PageRequest } from "./invoke";

/** How an OAuth token names its own integration in `{integrationId}`. */
export const OWN_INTEGRATION = "me";

export function integrationsApi(invoke: Invoke) {
  const list = async (filter: { types?: IntegrationType[] } = {}, page?: PageRequest, options?: CallOptions) => {
    const { integrations, meta } = await invoke("ListIntegrations", {
      query: { "filter[types]": filter.types?.join(","), ...pageQuery(page) },
      options,
    });
    return pageOf(integrations, meta);
  };

  return {
    async create(body: OperationBody<"CreateIntegration">, options?: CallOptions) {
      const { integration } = await invoke("CreateIntegration", { body, options });
      return integration;
    },

    list,

    iterate(filter: { types?: IntegrationType[] } = {}, { pageSize = 100, ...options }: IterateOptions = {}) {
      return iteratePages("ListIntegrations", "forward", (after) => list(filter, { after, size: pageSize }, options));
    },

    async get(integrationId: string, options?: CallOptions) {
      const { integration } = await invoke("GetIntegration", { params: { integrationId }, options });
      return integration;
    },

    /** A field the integration's type cannot update means deleting and re-creating it. */
    async update(integrationId: string, body: OperationBody<"UpdateIntegration">, options?: CallOptions) {
      const { integration } = await invoke("UpdateIntegration", { params: { integrationId }, body, options });
      return integration;
    },

    async delete(integrationId: string, options?: CallOptions) {
      await invoke("DeleteIntegration", { params: { integrationId }, options });
    },
  };
}

/** API keys of a custom integration (at most 10); their secrets are returned on every read. */
export function integrationKeysApi(invoke: Invoke) {
  return {
    async create(integrationId: string, body: OperationBody<"CreateCustomIntegrationKey">, options?: CallOptions) {
      const { key } = await invoke("CreateCustomIntegrationKey", { params: { integrationId }, body, options });
      return key;
    },

    async list(integrationId: string, options?: CallOptions) {
      const { keys } = await invoke("ListCustomIntegrationKeys", { params: { integrationId }, options });
      return keys;
    },

    async get(integrationId: string, keyId: string, options?: CallOptions) {
      const { key } = await invoke("GetCustomIntegrationKey", { params: { integrationId, keyId }, options });
      return key;
    },

    async delete(integrationId: string, keyId: string, options?: CallOptions) {
      await invoke("DeleteCustomIntegrationKey", { params: { integrationId, keyId }, options });
    },
  };
}

/**
 * Webhooks of an integration: a custom integration's id, or OWN_INTEGRATION ("me") with an OAuth token, which sees
 * only the webhooks it created. An app has at most 10.
 */
export function webhooksApi(invoke: Invoke) {
  return {
    /** SunCo checks the target with a HEAD request first; the answer carries the secret for X-API-Key. */
    async create(integrationId: string, body: OperationBody<"CreateWebhook">, options?: CallOptions) {
      const { webhook } = await invoke("CreateWebhook", { params: { integrationId }, body, options });
      return webhook;
    },

    async list(integrationId: string, options?: CallOptions) {
      const { webhooks } = await invoke("ListWebhooks", { params: { integrationId }, options });
      return webhooks;
    },

    async get(integrationId: string, webhookId: string, options?: CallOptions) {
      const { webhook } = await invoke("GetWebhook", { params: { integrationId, webhookId }, options });
      return webhook;
    },

    async update(
      integrationId: string,
      webhookId: string,
      body: OperationBody<"UpdateWebhook">,
      options?: CallOptions,
    ) {
      const { webhook } = await invoke("UpdateWebhook", { params: { integrationId, webhookId }, body, options });
      return webhook;
    },

    async delete(integrationId: string, webhookId: string, options?: CallOptions) {
      await invoke("DeleteWebhook", { params: { integrationId, webhookId }, options });
    },
  };
}
