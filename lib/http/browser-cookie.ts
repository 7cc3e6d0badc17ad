// A cookie that binds something to the browser holding it (an install waiting for its claim, a connect link's
// outcome): httpOnly, first-party, Secure where the app is served over https.
import { env } from "@/lib/env";

export function browserCookie(name: string, value: string, maxAgeSeconds: number): string {
  const secure = env().APP_URL.startsWith("https://") ? "; Secure" : "";
  return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.max(0, Math.round(maxAgeSeconds))}${secure}`;
}

/** Settings for next/headers `cookies().set`, the same as browserCookie's. */
export function browserCookieOptions(maxAgeSeconds: number) {
  return { path: "/", httpOnly: true, sameSite: "lax" as const, maxAge: Math.round(maxAgeSeconds), secure: env().APP_URL.startsWith("https://") };
}
