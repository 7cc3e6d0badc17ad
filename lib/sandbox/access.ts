// Who may steer the sandbox: /_control (fixtures with every key, webhook secrets, faults, the simulator's API), the
// OAuth consent page (where one plays the tenant's Zendesk admin) and the simulator pages. Clients on this machine
// may; anyone else only with SANDBOX_TOKEN, sent in the X-Sandbox-Token header or as the cookie that visiting
// <sandbox>/_control/access?token=… sets. SunCo's own API answers to SunCo credentials instead, and files to their
// unguessable URLs, as SunCo's CDN does.
import { createHash } from "node:crypto";
import { sameSecret } from "./auth";

export const SANDBOX_TOKEN_HEADER = "x-sandbox-token";
export const SANDBOX_ACCESS_COOKIE = "sunbridge_sandbox_access";
export const ACCESS_PATH = "/_control/access";

/**
 * Where reverse proxies record the client. A loopback peer whose request names anyone but this machine there is a
 * proxy on this machine speaking for a client elsewhere (Next.js itself records the socket's peer in X-Forwarded-For).
 */
const RECORDED_CLIENTS = ["x-forwarded-for", "x-real-ip"];

export interface SandboxAccessPolicy {
  /** SANDBOX_TOKEN; without it only clients on this machine get in. */
  token?: string;
  /** TRUSTED_PROXY_HOPS of the app the sandbox is mounted in: then the client address already looks past the proxies. */
  trustedProxyHops?: number;
}

export interface SandboxClient {
  /** The peer's address, as the server saw it (lib/http/client-address.ts when mounted, the socket standalone). */
  address: string;
  headers: Headers;
}

export function maySteerSandbox(client: SandboxClient, policy: SandboxAccessPolicy): boolean {
  if (isLocal(client, policy)) return true;
  if (!policy.token) return false;
  const presented = client.headers.get(SANDBOX_TOKEN_HEADER);
  if (presented !== null && sameSecret(policy.token, presented)) return true;
  const cookie = cookieNamed(client.headers.get("cookie"), SANDBOX_ACCESS_COOKIE);
  return cookie !== undefined && sameSecret(accessCookieValue(policy.token), cookie);
}

/** 127.0.0.0/8 and ::1, also written as IPv4-mapped IPv6. */
export function isLoopbackAddress(address: string): boolean {
  const value = address.trim().toLowerCase().replace(/^::ffff:(?=\d+\.)/, "");
  return value === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(value);
}

function isLocal(client: SandboxClient, policy: SandboxAccessPolicy): boolean {
  if (!isLoopbackAddress(client.address)) return false;
  // Behind trusted proxies the address already names the client beyond them.
  if ((policy.trustedProxyHops ?? 0) > 0) return true;
  if (client.headers.has("forwarded")) return false;
  return RECORDED_CLIENTS.every((name) =>
    (client.headers.get(name) ?? "")
      .split(",")
      .filter((entry) => entry.trim() !== "")
      .every((entry) => isLoopbackAddress(entry.trim().replace(/^\[(.*)\]$/, "$1"))),
  );
}

/** The cookie proves the token was presented without being the token. */
function accessCookieValue(token: string): string {
  return createHash("sha256").update(`sunbridge-sandbox-access:${token}`).digest("base64url");
}

/** Set-Cookie for a browser that presented the token: until it closes, not readable by scripts, not sent cross-site. */
export function accessCookie(token: string, options: { path: string; secure: boolean }): string {
  const secure = options.secure ? "; Secure" : "";
  return `${SANDBOX_ACCESS_COOKIE}=${accessCookieValue(token)}; Path=${options.path}; HttpOnly; SameSite=Lax${secure}`;
}

function cookieNamed(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
