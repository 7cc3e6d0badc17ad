// The browser-facing security headers: the Content-Security-Policy that proxy.ts puts on every page (with a fresh
// nonce each time), and the headers scripts/serve.ts puts on every response, pages, API and static files alike.
import { randomBytes } from "node:crypto";

/** A CSP nonce: 128 random bits, new for every page request. */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

export interface PolicyOptions {
  nonce: string;
  /** `npm run dev`: React's debugging needs eval, and the dev server injects styles without a nonce. */
  development: boolean;
  /** Origins a form may be sent to besides our own: the OAuth bridge a server action redirects to. */
  formTargets?: string[];
}

/**
 * Scripts run only from our origin and only when Next.js marked them with this request's nonce ('strict-dynamic'
 * lets those load the chunks they need); styles likewise, fonts and connections only from our origin; no plugins,
 * no <base>, no framing.
 *
 * Exceptions, each for a reason:
 * - style-src-attr 'unsafe-inline': React renders `style` props into the server HTML as style attributes. An
 *   attribute cannot run script or hold selectors (so no CSS-based reading of the page), and whatever URL it
 *   names is still bound by img-src and font-src. <style> elements stay nonce-only.
 * - img-src and media-src allow any https: origin (and blob:/data: for the composer's previews): end users' images,
 *   avatars and carousels are SunCo media URLs on hosts we cannot list. Images cannot run script, and every such
 *   <img> sends no Referer (referrerPolicy="no-referrer").
 * - No upgrade-insecure-requests: nothing we load is remote http (img-src admits https: only), and it would upgrade
 *   the app's own requests on a plain-http development or test origin.
 */
export function contentSecurityPolicy({ nonce, development, formTargets = [] }: PolicyOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", development ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "https:", "blob:", "data:"],
    "media-src": ["'self'", "https:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    // The Web Push service worker (public/sw.js; lib/notifications).
    "worker-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'", ...formTargets],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/** HSTS for a year once the public URL is https; subdomains of the app's host too (they are ours by delegation). */
const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/**
 * For every response. nosniff: a file is never run as another type than it says. Referrer-Policy same-origin: our
 * URLs (conversation and connection ids, invite tokens) never leave in a Referer. X-Frame-Options for browsers
 * that predate frame-ancestors.
 */
export function responseSecurityHeaders(appUrl: string): [name: string, value: string][] {
  return [
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "same-origin"],
    ["X-Frame-Options", "DENY"],
    ...(new URL(appUrl).protocol === "https:" ? [["Strict-Transport-Security", STRICT_TRANSPORT_SECURITY] as [string, string]] : []),
  ];
}
