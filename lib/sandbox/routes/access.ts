// The guard in front of the sandbox's control plane, and the URL that lets a browser on another machine in with
// SANDBOX_TOKEN (lib/sandbox/access.ts says who may steer the sandbox and why).
import { Hono, type MiddlewareHandler } from "hono";
import { ACCESS_PATH, accessCookie, maySteerSandbox, type SandboxAccessPolicy } from "../access";
import { sameSecret } from "../auth";
import { errorResponse, forbidden } from "../errors";
import type { SandboxEnv } from "../operation";

export interface SandboxAccess extends SandboxAccessPolicy {
  /** Where a browser goes once the token let it in (the simulator, when mounted); else it is told so in plain text. */
  landingUrl?: string;
  /** The cookie's path: the sandbox's root, or, mounted, the app's /sandbox pages too. */
  cookiePath: string;
}

/** /_control, the consent page and the install page; SunCo's API and files are not steering. */
const STEERING = /^\/(_control(\/.*)?|oauth\/(authorize|install)\/?)$/;

export function steeringGuard(access: SandboxAccess): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (!STEERING.test(path) || path === ACCESS_PATH) return next();
    if (maySteerSandbox({ address: c.env.clientAddress, headers: c.req.raw.headers }, access)) return next();
    return errorResponse(
      forbidden(
        access.token
          ? `The sandbox's control plane needs its token from another machine: send the X-Sandbox-Token header, or open ${c.env.publicUrl}${ACCESS_PATH}?token=… in the browser`
          : "The sandbox's control plane answers clients on its own machine only (set SANDBOX_TOKEN to let others in)",
      ),
    );
  };
}

export function accessRoutes(access: SandboxAccess) {
  const routes = new Hono<SandboxEnv>();
  routes.get(ACCESS_PATH, (c) => {
    const presented = new URL(c.req.url).searchParams.get("token") ?? "";
    if (!access.token) throw forbidden("SANDBOX_TOKEN is not set: the sandbox answers clients on its own machine only");
    if (!sameSecret(access.token, presented)) throw forbidden("That is not the sandbox's token");
    const headers = new Headers({
      "set-cookie": accessCookie(access.token, { path: access.cookiePath, secure: c.env.publicUrl.startsWith("https:") }),
      "cache-control": "no-store",
      // The token is in this URL: it must not travel on as a referrer.
      "referrer-policy": "no-referrer",
    });
    if (!access.landingUrl) return new Response("Sandbox access granted to this browser.\n", { headers });
    headers.set("location", access.landingUrl);
    return new Response(null, { status: 303, headers });
  });
  return routes;
}
