// In front of every page (and the mounted sandbox): gives the page its Content-Security-Policy with a fresh nonce,
// and sends browsers without a session cookie to sign-in, remembering where they were going. The sign-in redirect is
// only a convenience: every page, action and route still authorizes on the server (lib/auth/require-member.ts).
import { NextResponse, type NextRequest } from "next/server";
import { signInPath } from "@/lib/auth/return-path";
import { env } from "@/lib/env";
import { contentSecurityPolicy, createNonce } from "@/lib/http/security-headers";

const PUBLIC_PAGES = [/^\/sign-in$/, /^\/sign-up$/, /^\/invite\//, /^\/connect\//, /^\/sandbox(\/|$)/, /^\/docs(\/|$)/];
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const CSP = "Content-Security-Policy";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PAGES.some((pattern) => pattern.test(pathname))) return withPolicy(request);
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return withPolicy(request);
  return NextResponse.redirect(new URL(signInPath(`${pathname}${search}`), request.url));
}

/**
 * Next.js's documented nonce scheme: the policy goes on the request too, where Next.js reads the nonce and puts it
 * on its own scripts and styles while rendering (so every page must render per request: see app/layout.tsx).
 */
function withPolicy(request: NextRequest) {
  const settings = env();
  // Connecting a tenant posts a form whose answer redirects to the OAuth bridge (our own origin for the sandbox).
  const bridge = new URL(settings.sunco.oauthBaseUrl).origin;
  const policy = contentSecurityPolicy({
    nonce: createNonce(),
    development: settings.NODE_ENV === "development",
    formTargets: bridge === new URL(settings.APP_URL).origin ? [] : [bridge],
  });
  const headers = new Headers(request.headers);
  headers.set(CSP, policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set(CSP, policy);
  return response;
}

export const config = {
  // Pages and the mounted sandbox: API routes (webhooks, auth, health) and static files never pass through here;
  // scripts/serve.ts gives them (and everything else) the headers that need no nonce.
  matcher: ["/((?!api/|_next/|favicon\\.svg|.*\\.(?:svg|png|ico|txt)$).*)"],
};
