// Webhooks (integration and app scope; `integrations/me/webhooks` is an OAuth token's own integration).
import { Hono } from "hono";
import { webhookCreateBodySchema, webhookUpdateBodySchema } from "@/lib/sunco/schemas";
import type { SandboxContext } from "../context";
import { notFound } from "../errors";
import { appOperation, type AppCall, type SandboxEnv } from "../operation";
import { createWebhook, verifyTarget, webhookIntegration } from "../resources/webhooks";
import { webhookView } from "../serialize";

export function webhookRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>();
  const WEBHOOKS = "/v2/apps/:appId/integrations/:integrationId/webhooks";
  const pathIntegration = (call: AppCall) => webhookIntegration(ctx, call.principal, call.app.id, call.param("integrationId"));
  const pathWebhook = (call: AppCall) => {
    const integration = pathIntegration(call);
    const webhook = ctx.state.webhooks.get(call.param("webhookId"));
    if (!webhook || webhook.integrationId !== integration.id) throw notFound();
    return webhook;
  };

  routes.post(
    WEBHOOKS,
    appOperation(ctx, "CreateWebhook", async (call) => {
      const integration = pathIntegration(call);
      const webhook = await createWebhook(ctx, integration, await call.body(webhookCreateBodySchema));
      return { status: 201, body: { webhook: webhookView(webhook) } };
    }),
  );

  routes.get(
    WEBHOOKS,
    appOperation(ctx, "ListWebhooks", (call) => {
      const integration = pathIntegration(call);
      return { body: { webhooks: ctx.state.webhooks.where((w) => w.integrationId === integration.id).map(webhookView) } };
    }),
  );

  routes.get(`${WEBHOOKS}/:webhookId`, appOperation(ctx, "GetWebhook", (call) => ({ body: { webhook: webhookView(pathWebhook(call)) } })));

  routes.patch(
    `${WEBHOOKS}/:webhookId`,
    appOperation(ctx, "UpdateWebhook", async (call) => {
      const webhook = pathWebhook(call);
      const body = await call.body(webhookUpdateBodySchema);
      if (body.target !== undefined && body.target !== webhook.target) await verifyTarget(ctx, body.target);
      if (body.target !== undefined) webhook.target = body.target;
      if (body.triggers !== undefined) webhook.triggers = [...new Set(body.triggers)];
      if (body.includeFullUser !== undefined) webhook.includeFullUser = body.includeFullUser;
      if (body.includeFullSource !== undefined) webhook.includeFullSource = body.includeFullSource;
      ctx.changed();
      return { body: { webhook: webhookView(webhook) } };
    }),
  );

  routes.delete(
    `${WEBHOOKS}/:webhookId`,
    appOperation(ctx, "DeleteWebhook", (call) => {
      ctx.state.webhooks.delete(pathWebhook(call).id);
      ctx.changed();
      return { body: {} };
    }),
  );

  return routes;
}
