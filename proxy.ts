// Sends browsers without a session cookie to sign-in, remembering where they were going. Only a
// convenience: every page, action and route still authorizes on the server (lib/auth/require-member.ts).
import { NextResponse, type NextRequest } from "next/server";
import { signInPath } from "@/lib/auth/return-path";

const PUBLIC_PAGES = [/^\/sign-in$/, /^\/sign-up$/, /^\/invite\//, /^\/sandbox(\/|$)/];
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PAGES.some((pattern) => pattern.test(pathname))) return NextResponse.next();
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  return NextResponse.redirect(new URL(signInPath(`${pathname}${search}`), request.url));
}

export const config = {
  // Pages only: API routes (webhooks, auth, health) and static files never pass through here.
  matcher: ["/((?!api/|_next/|favicon\\.svg|.*\\.(?:svg|png|ico|txt)$).*)"],
};
