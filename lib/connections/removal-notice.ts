// SunCo calls the OAuth client's removeUrl when a tenant removes the integration. The request's shape is
// undocumented and unauthenticated, so it is only a hint: each connection it may concern is checked with
// tokenInfo, and only a refused token marks the connection revoked.
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { recordSuncoCall } from "@/lib/observability/sunco-observer";
import { getTokenInfo, SuncoError } from "@/lib/sunco";
import { setConnectionState } from "./health";
import { openConnectionSecret } from "./secrets";

const APP_ID = /\b[0-9a-f]{24}\b/gi;

/** Every 24-hex id anywhere in the notice: the app id is among them whatever the payload's shape. */
export function appIdsMentionedIn(notice: unknown): string[] {
  const text = typeof notice === "string" ? notice : JSON.stringify(notice ?? "");
  return [...new Set(text.match(APP_ID) ?? [])].map((id) => id.toLowerCase());
}

/** Checks the OAuth connections of the apps the notice names; returns how many turned out revoked. */
export async function verifyRemovalNotice(notice: unknown): Promise<{ checked: number; revoked: number }> {
  const appIds = appIdsMentionedIn(notice);
  if (appIds.length === 0) return { checked: 0, revoked: 0 };
  const candidates = await db().connection.findMany({
    where: { appId: { in: appIds }, authType: "oauth", state: { in: ["active", "needs_reauth", "error"] } },
  });
  let revoked = 0;
  for (const connection of candidates) {
    const token = openConnectionSecret(connection, "encryptedAccessToken");
    if (!token) continue;
    try {
      await getTokenInfo(token, { observer: { onCall: recordSuncoCall } });
    } catch (error) {
      if (error instanceof SuncoError && error.kind === "auth") {
        await setConnectionState(connection, "revoked", "The integration was removed in Zendesk.", {
          organizationId: connection.organizationId,
          label: "SunCo",
        });
        revoked += 1;
        continue;
      }
      logger().warn({ err: error, connectionId: connection.id }, "could not verify a removal notice");
    }
  }
  return { checked: candidates.length, revoked };
}
