// /_control: what tests and developers use to inspect and steer the sandbox. Not part of SunCo; open to clients on
// the sandbox's machine and to holders of its token only (access.ts).
import { Hono } from "hono";
import { z } from "zod";
import type { SandboxContext } from "../context";
import { appNotFound, notFound } from "../errors";
import { removeAuthorization } from "../oauth";
import { readJson, type SandboxEnv } from "../operation";
import { settleDueLinks } from "../resources/clients";
import { parseRequest } from "../validation";
import { webhookView } from "../serialize";
import type { DeliveryRecord } from "../state";

export function controlRoutes(ctx: SandboxContext, reset: () => void) {
  const routes = new Hono<SandboxEnv>().basePath("/_control");

  routes.get("/fixtures", (c) => c.json(ctx.fixtures));

  routes.post("/reset", (c) => {
    reset();
    return c.json({});
  });

  routes.post("/clock/advance", async (c) => {
    const { ms } = parseRequest(z.object({ ms: z.number().int().min(0) }), await readJson(c.req.raw));
    ctx.clock.advance(ms);
    settleDueLinks(ctx);
    return c.json({ now: ctx.clock.timestamp() });
  });

  // Back to the real time: a test that moved the shared clock puts it back, so the tests after it (or beside it) see
  // SunCo's times agree with Sunbridge's again.
  routes.post("/clock/reset", (c) => {
    ctx.clock.resetOffset();
    return c.json({ now: ctx.clock.timestamp() });
  });

  routes.get("/faults", (c) => c.json({ faults: ctx.faults.list() }));
  routes.post("/faults", async (c) => c.json({ fault: ctx.faults.addRequestFault(await readJson(c.req.raw)) }, 201));
  routes.post("/webhook-faults", async (c) => c.json({ fault: ctx.faults.addWebhookFault(await readJson(c.req.raw)) }, 201));
  routes.post("/channel-link-faults", async (c) => c.json({ fault: ctx.faults.addChannelLinkFault(await readJson(c.req.raw)) }, 201));
  routes.delete("/faults", (c) => {
    ctx.faults.clear();
    return c.json({});
  });
  routes.delete("/faults/:id", (c) => {
    if (!ctx.faults.remove(c.req.param("id"))) throw notFound();
    return c.json({});
  });

  routes.get("/deliveries", (c) => {
    const query = new URL(c.req.url).searchParams;
    const filters: [string, (delivery: DeliveryRecord, value: string) => boolean][] = [
      ["appId", (d, v) => d.appId === v],
      ["webhookId", (d, v) => d.webhookId === v],
      ["trigger", (d, v) => d.eventTypes.includes(v)],
      ["state", (d, v) => d.state === v],
      ["kind", (d, v) => d.kind === v],
    ];
    const deliveries = ctx.state.deliveries.where((d) =>
      filters.every(([name, test]) => !query.has(name) || test(d, query.get(name)!)),
    );
    return c.json({ deliveries });
  });

  routes.get("/apps", (c) =>
    c.json({
      apps: ctx.state.apps.all().map((app) => ({ id: app.id, displayName: app.displayName, subdomain: app.subdomain })),
    }),
  );

  /** Every webhook of an app, whichever integration (OAuth ones included) created it, secrets included. */
  routes.get("/apps/:appId/webhooks", (c) => {
    const appId = requireAppId(ctx, c.req.param("appId"));
    return c.json({
      webhooks: ctx.state.webhooks.where((w) => w.appId === appId).map((w) => ({ ...webhookView(w), integrationId: w.integrationId })),
    });
  });

  /** The OAuth clients an app allowed, with their integration and how many live tokens it has. */
  routes.get("/apps/:appId/authorizations", (c) => {
    const appId = requireAppId(ctx, c.req.param("appId"));
    const authorizations = ctx.state.integrations
      .where((i) => i.appId === appId && ctx.state.oauthClients.get(i.oauthClientId) !== undefined)
      .map((integration) => ({
        clientId: integration.oauthClientId!,
        integrationId: integration.id,
        tokens: ctx.state.oauthGrants
          .where((g) => g.integrationId === integration.id)
          .map((g) => ({ keyId: g.keyId, createdAt: g.createdAt })),
      }));
    return c.json({ authorizations });
  });

  /** The tenant removes the partner's integration in Zendesk: same effect as the client revoking its token. */
  routes.delete("/apps/:appId/authorizations/:clientId", (c) => {
    const appId = requireAppId(ctx, c.req.param("appId"));
    if (!removeAuthorization(ctx, appId, c.req.param("clientId"))) throw notFound();
    return c.json({});
  });

  return routes;
}

function requireAppId(ctx: SandboxContext, appId: string): string {
  if (!ctx.state.apps.get(appId)) throw appNotFound();
  return appId;
}
