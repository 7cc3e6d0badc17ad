// OAuth Endpoints: the consent flow (/oauth/authorize), the code exchange (/oauth/token), token info and revocation.
import { Hono } from "hono";
import type { SandboxContext } from "../context";
import { forbidden } from "../errors";
import { appView } from "../serialize";
import { authorizationErrorPage, consentPage, installPage, PAGES_CSS, PAGES_STYLESHEET } from "../oauth-pages";
import {
  AuthorizationRequestError,
  authorizationRequest,
  decide,
  exchangeCode,
  removeAuthorization,
  type AuthorizationRequest,
} from "../oauth";
import { operation, readJson, readText, type SandboxEnv } from "../operation";
import { authenticate } from "../auth";

export function oauthRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>();

  const tenants = () => ctx.state.apps.all().map((app) => ({ app, account: ctx.state.accounts.get(app.accountId) }));

  const withRequest = (params: URLSearchParams, answer: (request: AuthorizationRequest) => Response) => {
    try {
      return answer(authorizationRequest(ctx, params));
    } catch (error) {
      if (error instanceof AuthorizationRequestError) return htmlPage(authorizationErrorPage(error.message), 400);
      throw error;
    }
  };

  routes.get("/oauth/authorize", (c) =>
    withRequest(new URL(c.req.url).searchParams, (request) => {
      if (request.responseType !== "code") return redirect(decide(ctx, request, { allow: false }));
      return htmlPage(consentPage(request, `${c.env.publicUrl}/oauth/authorize`, tenants(), `${c.env.publicUrl}/oauth/install`), 200);
    }),
  );

  // An install begun in Zendesk (the marketplace's "Install"): the admin picks an app, and the browser goes to the
  // client's first redirect URI with a code and no state, as no partner asked for one.
  const installRequest = (params: URLSearchParams) => {
    return new URLSearchParams({ client_id: params.get("client_id") ?? "", response_type: "code" });
  };

  routes.get("/oauth/install", (c) =>
    withRequest(installRequest(new URL(c.req.url).searchParams), (request) => htmlPage(installPage(request, `${c.env.publicUrl}/oauth/install`, tenants()), 200)),
  );

  routes.post("/oauth/install", async (c) => {
    const form = new URLSearchParams(await readText(c.req.raw));
    return withRequest(installRequest(form), (request) => redirect(decide(ctx, request, { allow: true, appId: form.get("app_id") ?? undefined })));
  });

  routes.get(`/oauth/${PAGES_STYLESHEET}`, () =>
    new Response(PAGES_CSS, { headers: { "content-type": "text/css; charset=utf-8", "cache-control": "public, max-age=3600" } }),
  );

  routes.post("/oauth/authorize", async (c) => {
    const form = new URLSearchParams(await readText(c.req.raw));
    return withRequest(form, (request) => {
      return redirect(decide(ctx, request, { allow: form.get("decision") === "allow", appId: form.get("app_id") ?? undefined }));
    });
  });

  routes.post("/oauth/token", async (c) => {
    // The spec documents JSON; form-encoded bodies, which most OAuth libraries send, are accepted too.
    const form = /application\/x-www-form-urlencoded/i.test(c.req.header("content-type") ?? "");
    const input = form ? Object.fromEntries(new URLSearchParams(await readText(c.req.raw))) : ((await readJson(c.req.raw)) ?? {});
    return Response.json(await exchangeCode(ctx, input as Record<string, unknown>));
  });

  routes.delete(
    "/oauth/authorization",
    operation(ctx, "RevokeAccess", ({ principal }) => {
      if (principal.scope !== "integration" || !principal.oauthClientId) throw forbidden("Only OAuth access tokens can be revoked");
      removeAuthorization(ctx, principal.appId, principal.oauthClientId);
      return { body: {} };
    }),
  );

  // The spec lists no security for tokenInfo, but it answers for the credentials it is called with.
  routes.get("/v2/tokenInfo", async (c) => {
    const principal = await authenticate(ctx.state, c.req.header("authorization") ?? null);
    if (principal.scope === "account") throw forbidden("Account credentials are not tied to one app");
    const app = ctx.state.apps.get(principal.appId);
    if (!app) throw forbidden("The app of these credentials no longer exists");
    return Response.json({ app: appView(app, { withSubdomain: true }) });
  });

  return routes;
}

/** As SunCo answers: 302 with a plain-text body naming the target. */
function redirect(location: string): Response {
  return new Response(`Found. Redirecting to ${location}`, { status: 302, headers: { location, "content-type": "text/plain" } });
}

function htmlPage(html: string, status: number): Response {
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-frame-options": "DENY" },
  });
}
