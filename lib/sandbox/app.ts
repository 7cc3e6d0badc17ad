// The sandbox's HTTP surface as one Hono app: SunCo's REST v2 and OAuth endpoints at the root, /_control beside
// them, the access guard in front of /_control and the consent page, injected faults in front of everything but
// /_control, and SunCo-shaped errors for whatever goes wrong.
import { Hono, type MiddlewareHandler } from "hono";
import { authenticate } from "./auth";
import type { SandboxContext } from "./context";
import { errorResponse, notFound, SuncoApiError } from "./errors";
import type { SandboxEnv } from "./operation";
import { accessRoutes, steeringGuard, type SandboxAccess } from "./routes/access";
import { appRoutes } from "./routes/apps";
import { attachmentRoutes } from "./routes/attachments";
import { controlRoutes } from "./routes/control";
import { conversationRoutes } from "./routes/conversations";
import { integrationRoutes } from "./routes/integrations";
import { messageRoutes } from "./routes/messages";
import { oauthRoutes } from "./routes/oauth";
import { simulatorRoutes } from "./routes/simulator";
import { switchboardRoutes } from "./routes/switchboards";
import { userRoutes } from "./routes/users";
import { webhookRoutes } from "./routes/webhooks";

/** A hung request is released after this long even if its client never gives up. */
const HANG_LIMIT_MS = 10 * 60 * 1000;

const FAULT_CODES: Record<number, [string, string]> = {
  429: ["too_many_requests", "Too Many Requests"],
  500: ["internal_error", "Internal Server Error"],
  502: ["bad_gateway", "Bad Gateway"],
  503: ["service_unavailable", "Service Unavailable"],
  504: ["gateway_timeout", "Gateway Timeout"],
};

export function sandboxApp(ctx: SandboxContext, reset: () => void, access: SandboxAccess) {
  const app = new Hono<SandboxEnv>();
  app.use("*", steeringGuard(access));
  app.use("*", injectFaults(ctx));
  app.route("/", accessRoutes(access));
  app.route("/", controlRoutes(ctx, reset));
  app.route("/", simulatorRoutes(ctx));
  for (const routes of [
    oauthRoutes,
    appRoutes,
    userRoutes,
    conversationRoutes,
    messageRoutes,
    integrationRoutes,
    webhookRoutes,
    switchboardRoutes,
    attachmentRoutes,
  ]) {
    app.route("/", routes(ctx));
  }
  app.notFound(() => errorResponse(notFound("not_found", "Resource not found")));
  app.onError((error) => {
    if (error instanceof SuncoApiError) return errorResponse(error);
    console.error("SunCo sandbox: unexpected error", error);
    return errorResponse(new SuncoApiError(500, "internal_error", "The sandbox failed to handle this request"));
  });
  return app;
}

function injectFaults(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith("/_control")) return next();
    const fault = await ctx.faults.takeRequestFault({
      method: c.req.method,
      path,
      appId: () => requestAppId(ctx, path, c.req.header("authorization") ?? null),
    });
    if (!fault) return next();
    if ("latencyMs" in fault) {
      await ctx.clock.sleep(fault.latencyMs, c.req.raw.signal).catch(() => undefined);
      return next();
    }
    if ("hang" in fault) {
      await hang(c.req.raw.signal);
      return errorResponse(new SuncoApiError(504, ...FAULT_CODES[504]!));
    }
    const [code, title] = FAULT_CODES[fault.status] ?? ["error", `Injected ${fault.status}`];
    const headers: Record<string, string> = fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {};
    if (fault.body !== undefined) return Response.json(fault.body, { status: fault.status, headers });
    return errorResponse(new SuncoApiError(fault.status, code, title, [], headers));
  };
}

/** The app a request is for: the one in its path, else the one its credentials belong to (if they are valid). */
async function requestAppId(ctx: SandboxContext, path: string, authorization: string | null): Promise<string | undefined> {
  const inPath = /^\/v2\/apps\/([^/]+)/.exec(path)?.[1];
  if (inPath) return inPath;
  const principal = await authenticate(ctx.state, authorization).catch(() => null);
  return principal && "appId" in principal ? principal.appId : undefined;
}

function hang(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, HANG_LIMIT_MS);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
