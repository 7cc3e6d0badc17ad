// Integrations and their API keys (custom integrations only).
import { Hono } from "hono";
import {
  integrationCreateBodySchema,
  integrationKeyCreateBodySchema,
  integrationUpdateBodySchemaFor,
  listIntegrationsQuerySchema,
  type IntegrationType,
} from "@/lib/sunco/schemas";
import type { SandboxContext } from "../context";
import { badRequest, notFound } from "../errors";
import { objectId } from "../ids";
import { isIntegrationType } from "../integration-types";
import { appOperation, readJson, type AppCall, type SandboxEnv } from "../operation";
import { pageRequest, paginate } from "../pagination";
import { deleteIntegration, requireIntegration } from "../resources/integrations";
import { issueKey, keysOf } from "../resources/keys";
import { createWebhook } from "../resources/webhooks";
import { integrationView, keyView } from "../serialize";
import { parseRequest } from "../validation";

export function integrationRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>();
  const INTEGRATION = "/v2/apps/:appId/integrations/:integrationId";
  const pathIntegration = (call: AppCall) => requireIntegration(ctx, call.app.id, call.param("integrationId"));

  routes.post(
    "/v2/apps/:appId/integrations",
    appOperation(ctx, "CreateIntegration", async (call) => {
      const raw = (await readJson(call.request)) as { type?: unknown } | undefined;
      if (typeof raw?.type !== "string" || !isIntegrationType(raw.type)) throw badRequest("Invalid integration type");
      const { type, displayName, ...settings } = parseRequest(integrationCreateBodySchema, raw);
      const webhooks = "webhooks" in settings ? settings.webhooks : [];
      const integration = {
        id: objectId(ctx.clock.now()),
        appId: call.app.id,
        type,
        status: "active" as const,
        displayName,
        settings: type === "custom" ? {} : settings,
      };
      for (const webhook of webhooks) await createWebhook(ctx, integration, webhook);
      ctx.state.integrations.insert(integration);
      ctx.changed();
      return { status: 201, body: { integration: integrationView(ctx.state, integration) } };
    }),
  );

  routes.get(
    "/v2/apps/:appId/integrations",
    appOperation(ctx, "ListIntegrations", (call) => {
      const page = pageRequest(call.url);
      const types = call.query(listIntegrationsQuerySchema)["filter[types]"]?.split(",");
      const integrations = ctx.state.integrations.where(
        (i) => i.appId === call.app.id && !i.oauthClientId && (!types || types.includes(i.type)),
      );
      const { items, meta, links } = paginate(integrations, page, call.url);
      return { body: { integrations: items.map((i) => integrationView(ctx.state, i)), meta, links } };
    }),
  );

  routes.get(
    INTEGRATION,
    appOperation(ctx, "GetIntegration", (call) => ({ body: { integration: integrationView(ctx.state, pathIntegration(call)) } })),
  );

  routes.patch(
    INTEGRATION,
    appOperation(ctx, "UpdateIntegration", async (call) => {
      const integration = pathIntegration(call);
      const { displayName, ...settings } = await call.body(integrationUpdateBodySchemaFor(integration.type as IntegrationType));
      if (displayName !== undefined) integration.displayName = displayName;
      integration.settings = { ...integration.settings, ...settings };
      ctx.changed();
      return { body: { integration: integrationView(ctx.state, integration) } };
    }),
  );

  routes.delete(
    INTEGRATION,
    appOperation(ctx, "DeleteIntegration", (call) => {
      deleteIntegration(ctx, pathIntegration(call));
      return { body: {} };
    }),
  );

  const customIntegration = (call: AppCall) => {
    const integration = pathIntegration(call);
    if (integration.type !== "custom") throw badRequest("API keys are available only for custom integrations");
    return integration;
  };
  const integrationKeys = (call: AppCall) => keysOf(ctx, { appId: call.app.id, integrationId: customIntegration(call).id });
  const pathKey = (call: AppCall) => {
    const key = integrationKeys(call).find((k) => k.id === call.param("keyId"));
    if (!key) throw notFound();
    return key;
  };

  routes.post(
    `${INTEGRATION}/keys`,
    appOperation(ctx, "CreateCustomIntegrationKey", async (call) => {
      const integration = customIntegration(call);
      const { displayName } = await call.body(integrationKeyCreateBodySchema);
      return { status: 201, body: { key: keyView(issueKey(ctx, call.app, displayName, integration.id)) } };
    }),
  );

  routes.get(
    `${INTEGRATION}/keys`,
    appOperation(ctx, "ListCustomIntegrationKeys", (call) => ({ body: { keys: integrationKeys(call).map(keyView) } })),
  );

  routes.get(`${INTEGRATION}/keys/:keyId`, appOperation(ctx, "GetCustomIntegrationKey", (call) => ({ body: { key: keyView(pathKey(call)) } })));

  routes.delete(
    `${INTEGRATION}/keys/:keyId`,
    appOperation(ctx, "DeleteCustomIntegrationKey", (call) => {
      ctx.state.keys.delete(pathKey(call).id);
      ctx.changed();
      return { body: {} };
    }),
  );

  return routes;
}
