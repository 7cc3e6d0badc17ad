// Where a browser may be sent back to after signing in: a path on this site, never another origin. The one place
// that decides it; every callbackUrl, return path and next-auth redirect goes through safeReturnPath.
import { env } from "@/lib/env";

export const DEFAULT_RETURN_PATH = "/inbox";

const MAX_LENGTH = 2048;
/**
 * Control characters (browsers drop tabs and newlines from URLs, so "/\t/evil.example" becomes "//evil.example") and
 * backslashes (browsers read "\" as "/"), refused anywhere in what we are given.
 */
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f\\]/;
/** Percent-encoding undone more times than this is somebody hiding something. */
const MAX_DECODING_ROUNDS = 4;

/**
 * `value` (a callbackUrl query parameter, or next-auth's redirect target) as a path on APP_URL's origin, normalised
 * (dot segments resolved, fragment dropped), or `fallback` when it could lead anywhere else: another origin, a
 * protocol-relative "//host" after normalisation, or the same once percent-encoding is undone (%2F%2F, %5C, %09…),
 * since some browsers, proxies and client-side routers decode a path before they follow it.
 */
export function safeReturnPath(value: unknown, fallback = DEFAULT_RETURN_PATH): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (typeof candidate !== "string" || candidate.length === 0 || candidate.length > MAX_LENGTH) return fallback;
  const origin = new URL(env().APP_URL).origin;
  // An absolute URL is only ever our own origin's, taken as its path; anything else must be a path.
  if (!candidate.startsWith("/") && !candidate.startsWith(`${origin}/`)) return fallback;
  const url = parseLocal(candidate, origin);
  if (!url) return fallback;

  let pathname = url.pathname;
  for (let round = 0; ; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return fallback;
    }
    if (decoded === pathname) break;
    if (round === MAX_DECODING_ROUNDS || !parseLocal(decoded, origin)) return fallback;
    pathname = decoded;
  }
  return `${url.pathname}${url.search}`;
}

/** `text` resolved against `origin` when it stays a path there, else null. */
function parseLocal(text: string, origin: string): URL | null {
  if (UNSAFE_CHARACTER.test(text) || text.startsWith("//")) return null;
  let url: URL;
  try {
    url = new URL(text, origin);
  } catch {
    return null;
  }
  // "/.//evil.example" and "/%2e%2e//evil.example" normalise to the path "//evil.example", which a browser (or
  // Next.js's redirect) then follows as a protocol-relative URL to another host.
  if (url.origin !== origin || url.pathname.startsWith("//")) return null;
  return url;
}

/** The sign-in page, coming back to `returnTo` afterwards when that is a safe local path. */
export function signInPath(returnTo?: string | null): string {
  const path = returnTo ? safeReturnPath(returnTo, "") : "";
  return path ? `/sign-in?callbackUrl=${encodeURIComponent(path)}` : "/sign-in";
}
