// SunCo calls the OAuth client's removeUrl when a tenant removes the integration. The request's shape is
// undocumented and unauthenticated, so it is only a hint: each connection it may concern is checked with
// tokenInfo, and only SunCo's definite refusal of the token marks the connection revoked. Since anyone can send one,
// notices are rate-limited and each checks few connections: a notice must not make us call SunCo on demand.
import { db } from "@/lib/db";
import { RateLimitedError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { recordSuncoCall } from "@/lib/observability/sunco-observer";
import { hit, type Window } from "@/lib/rate-limit";
import { getTokenInfo, SuncoError } from "@/lib/sunco";
import { setConnectionState } from "./health";
import { openConnectionSecret } from "./secrets";

/** SunCo's notice is a small JSON object ({appId, integrationId, clientId} in the sandbox). */
export const MAX_REMOVAL_NOTICE_BYTES = 64 * 1024;
/** One app id, and its integration and client ids, which look the same: more than that is not a notice. */
export const MAX_APP_IDS_PER_NOTICE = 3;
/** Connections of one app across organizations, checked per notice. */
const MAX_CONNECTIONS_PER_NOTICE = 10;

/** Per client address: SunCo sends one notice per removal. */
export const REMOVAL_NOTICES_PER_ADDRESS: Window = { limit: 10, seconds: 60 };
/** For everyone together, so that many addresses cannot turn notices into a stream of tokenInfo calls either. */
export const REMOVAL_NOTICES_OVERALL: Window = { limit: 60, seconds: 60 };

const APP_ID = /\b[0-9a-f]{24}\b/gi;

/** The first few 24-hex ids anywhere in the notice: the app id is among them whatever the payload's shape. */
export function appIdsMentionedIn(notice: unknown): string[] {
  const text = typeof notice === "string" ? notice : JSON.stringify(notice ?? "");
  return [...new Set((text.match(APP_ID) ?? []).map((id) => id.toLowerCase()))].slice(0, MAX_APP_IDS_PER_NOTICE);
}

/**
 * Counts a notice from `clientAddress` (lib/http/client-address.ts) against its own and the overall window; throws
 * RateLimitedError when either is spent. A refused notice costs SunCo nothing: a removed token still fails on its
 * next use, and the connection then asks to be reconnected.
 */
export async function admitRemovalNotice(clientAddress: string): Promise<void> {
  const windows: [string, Window][] = [
    [`removal-notice:address:${clientAddress}`, REMOVAL_NOTICES_PER_ADDRESS],
    ["removal-notice:overall", REMOVAL_NOTICES_OVERALL],
  ];
  for (const [key, window] of windows) {
    const { count, resetsIn } = await hit(key, window);
    if (count > window.limit) throw new RateLimitedError("Too many removal notices; try again later.", Math.max(1, resetsIn));
  }
}

/**
 * Whether SunCo said the grant is gone: tokenInfo answered 401 with its own `unauthorized` code (the sandbox's
 * answer for a revoked token too). A timeout, a 5xx, a 429, a network error or a 401 without SunCo's code (a proxy
 * in between) says nothing about the grant and leaves the connection as it is.
 */
function grantIsGone(error: unknown): boolean {
  return error instanceof SuncoError && error.status === 401 && error.code === "unauthorized";
}

/** Checks the OAuth connections of the apps the notice names; returns how many turned out revoked. */
export async function verifyRemovalNotice(notice: unknown): Promise<{ checked: number; revoked: number }> {
  const appIds = appIdsMentionedIn(notice);
  if (appIds.length === 0) return { checked: 0, revoked: 0 };
  const candidates = await db().connection.findMany({
    where: { appId: { in: appIds }, authType: "oauth", state: { in: ["active", "needs_reauth", "error"] } },
    orderBy: { createdAt: "asc" },
    take: MAX_CONNECTIONS_PER_NOTICE,
  });
  let revoked = 0;
  for (const connection of candidates) {
    const token = openConnectionSecret(connection, "encryptedAccessToken");
    if (!token) continue;
    try {
      await getTokenInfo(token, { observer: { onCall: recordSuncoCall } });
    } catch (error) {
      if (grantIsGone(error)) {
        await setConnectionState(connection, "revoked", "The integration was removed in Zendesk.", {
          organizationId: connection.organizationId,
          label: "SunCo",
        });
        revoked += 1;
        continue;
      }
      logger().warn({ err: error, connectionId: connection.id }, "could not verify a removal notice; the connection is left as it is");
    }
  }
  return { checked: candidates.length, revoked };
}
