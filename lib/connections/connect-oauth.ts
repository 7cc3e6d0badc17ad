// "Connect Zendesk": send an owner or admin to SunCo's consent page, then turn the code SunCo sends back
// into a stored, verified connection. The client secret and the token never reach the browser.
import { roleAtLeast, requireMember, type MemberContext } from "@/lib/auth/require-member";
import { env } from "@/lib/env";
import { ForbiddenError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { authorizeUrl, exchangeAuthorizationCode, getTokenInfo } from "@/lib/sunco";
import { recordSuncoCall } from "@/lib/observability/sunco-observer";
import {
  claimOAuthAttempt,
  recordAttemptFailure,
  REJECTION_MESSAGES,
  startOAuthAttempt,
  type OAuthAttemptRejection,
} from "./oauth-attempts";
import { saveVerifiedConnection, type VerifiedApp } from "./save-connection";

export function oauthRedirectUri() {
  return new URL("/api/oauth/sunco/callback", env().APP_URL).toString();
}

const observer = { onCall: recordSuncoCall };

/** Where to send the browser: the OAuth bridge's consent page, with a fresh single-use state. */
export async function beginOAuthConnect(ctx: MemberContext): Promise<string> {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins can connect Zendesk apps.");
  const { state } = await startOAuthAttempt(ctx);
  return authorizeUrl({ state, redirectUri: oauthRedirectUri() });
}

export type OAuthCallbackOutcome =
  | { outcome: "connected" | "reconnected"; connectionId: string; appName: string }
  | { outcome: "cancelled" }
  | { outcome: "rejected"; reason: OAuthAttemptRejection; message: string }
  | { outcome: "failed"; message: string; attemptId: string };

/**
 * Handles SunCo's redirect back to us. `userId` is whoever is signed in now: the state must have been
 * created by that same person, for an organization where they are still an owner or admin.
 */
export async function completeOAuthConnect(
  userId: string,
  query: { state?: string | null; code?: string | null; error?: string | null },
): Promise<OAuthCallbackOutcome> {
  if (!query.state) return { outcome: "rejected", reason: "unknown", message: REJECTION_MESSAGES.unknown };
  const claim = await claimOAuthAttempt(query.state, userId);
  if (!claim.ok) return { outcome: "rejected", reason: claim.reason, message: REJECTION_MESSAGES[claim.reason] };

  const ctx = await requireMember(claim.organizationId, "admin");
  const fail = async (message: string): Promise<OAuthCallbackOutcome> => {
    await recordAttemptFailure(claim.attemptId, message);
    return { outcome: "failed", message, attemptId: claim.attemptId };
  };
  if (query.error) {
    await recordAudit(ctx, { action: "connection.oauth_cancelled", error: `Zendesk answered ${query.error}` });
    return query.error === "access_denied" ? { outcome: "cancelled" } : fail(`Zendesk did not grant access (${query.error}).`);
  }
  if (!query.code) return fail("Zendesk sent no authorization code back. Try connecting again.");

  let verified: Awaited<ReturnType<typeof verifyAuthorizationCode>>;
  try {
    verified = await verifyAuthorizationCode(query.code);
  } catch (error) {
    const message = messageOf(error);
    await recordAudit(ctx, { action: "connection.connect_failed", error: message });
    return fail(`Zendesk's answer could not be verified: ${message}`);
  }
  const { app, accessToken } = verified;
  try {
    const { connection, reconnected } = await saveVerifiedConnection(
      ctx,
      app,
      { authType: "oauth", accessToken },
    );
    return { outcome: reconnected ? "reconnected" : "connected", connectionId: connection.id, appName: connection.appName };
  } catch (error) {
    // saveVerifiedConnection has recorded the failure in the audit log already.
    return fail(messageOf(error));
  }
}

/** Trades the code for a token at once (codes expire in minutes), and asks SunCo which app the token opens. */
export async function verifyAuthorizationCode(code: string): Promise<{ app: VerifiedApp; accessToken: string }> {
  const { accessToken } = await exchangeAuthorizationCode(code, { observer });
  const app = await getTokenInfo(accessToken, { observer });
  return { accessToken, app: { appId: app.id, appName: app.displayName ?? app.id, subdomain: app.subdomain ?? null, region: null } };
}

export function messageOf(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}
