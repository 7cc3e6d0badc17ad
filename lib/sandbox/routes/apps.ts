// Apps and App Keys (account scope, except reading and updating one's own app).
import { Hono } from "hono";
import {
  appCreateBodySchema,
  appKeyCreateBodySchema,
  appUpdateBodySchema,
  listAppsQuerySchema,
} from "@/lib/sunco/schemas";
import type { SandboxContext } from "../context";
import { forbidden, notFound, SuncoApiError } from "../errors";
import { objectId } from "../ids";
import { appOperation, operation, type SandboxEnv } from "../operation";
import { pageRequest, paginate } from "../pagination";
import { deleteApp, MAX_APPS_PER_ACCOUNT, mergeSettings } from "../resources/apps";
import { issueKey, keysOf } from "../resources/keys";
import { appView, keyView } from "../serialize";

export function appRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>();
  const accountOf = (principal: { scope: string; accountId?: string }) => principal.accountId!;

  routes.post(
    "/v2/apps",
    operation(ctx, "CreateApp", async (call) => {
      const body = await call.body(appCreateBodySchema);
      const accountId = accountOf(call.principal);
      const account = ctx.state.accounts.get(accountId)!;
      if (ctx.state.apps.where((a) => a.accountId === accountId).length >= MAX_APPS_PER_ACCOUNT) {
        throw new SuncoApiError(402, "payment_required", "Your account has reached the maximum number of apps for your subscription plan");
      }
      const app = ctx.state.apps.insert({
        id: objectId(ctx.clock.now()),
        accountId,
        displayName: body.displayName,
        subdomain: account.subdomain,
        settings: mergeSettings({}, body.settings ?? {}),
        metadata: body.metadata ?? null,
      });
      ctx.changed();
      return { status: 201, body: { app: appView(app) } };
    }),
  );

  routes.get(
    "/v2/apps",
    operation(ctx, "ListApps", (call) => {
      const page = pageRequest(call.url);
      const query = call.query(listAppsQuerySchema);
      // The sandbox has no service accounts: any serviceAccountId is someone else's.
      if (query["filter[serviceAccountId]"]) throw forbidden("The serviceAccountId provided does not match supplied credentials");
      const apps = ctx.state.apps.where((a) => a.accountId === accountOf(call.principal));
      const { items, meta, links } = paginate(apps, page, call.url);
      return { body: { apps: items.map((app) => appView(app)), meta, links } };
    }),
  );

  routes.get(
    "/v2/apps/:appId",
    appOperation(ctx, "GetApp", ({ app }) => ({ body: { app: appView(app, { withSubdomain: true }) } })),
  );

  routes.patch(
    "/v2/apps/:appId",
    appOperation(ctx, "UpdateApp", async (call) => {
      const body = await call.body(appUpdateBodySchema);
      const { app } = call;
      if (body.settings) app.settings = mergeSettings(app.settings, body.settings);
      if (body.displayName !== undefined) app.displayName = body.displayName;
      if (body.metadata !== undefined) app.metadata = body.metadata;
      ctx.changed();
      return { body: { app: appView(app) } };
    }),
  );

  routes.delete(
    "/v2/apps/:appId",
    appOperation(ctx, "DeleteApp", ({ app }) => {
      deleteApp(ctx, app);
      return { body: {} };
    }),
  );

  const appKeys = (appId: string) => keysOf(ctx, { appId });

  routes.post(
    "/v2/apps/:appId/keys",
    appOperation(ctx, "CreateAppKey", async (call) => {
      const { displayName } = await call.body(appKeyCreateBodySchema);
      return { status: 201, body: { key: keyView(issueKey(ctx, call.app, displayName)) } };
    }),
  );

  routes.get(
    "/v2/apps/:appId/keys",
    appOperation(ctx, "ListAppKeys", ({ app }) => ({ body: { keys: appKeys(app.id).map(keyView) } })),
  );

  const requireKey = (appId: string, keyId: string) => {
    const key = appKeys(appId).find((k) => k.id === keyId);
    if (!key) throw notFound();
    return key;
  };

  routes.get(
    "/v2/apps/:appId/keys/:keyId",
    appOperation(ctx, "GetAppKey", (call) => ({ body: { key: keyView(requireKey(call.app.id, call.param("keyId"))) } })),
  );

  routes.delete(
    "/v2/apps/:appId/keys/:keyId",
    appOperation(ctx, "DeleteAppKey", (call) => {
      ctx.state.keys.delete(requireKey(call.app.id, call.param("keyId")).id);
      ctx.changed();
      return { body: {} };
    }),
  );

  return routes;
}
