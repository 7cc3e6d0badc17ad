import { getCurrentSession } from "@/lib/auth/current-session";
import { signInPath } from "@/lib/auth/return-path";
import { completeLinkOAuth, completeOAuthConnect, INSTALL_COOKIE, INSTALLATION_LIFETIME_MS, receiveInstallation, type OAuthCallbackOutcome } from "@/lib/connections";
import { env } from "@/lib/env";
import { ForbiddenError } from "@/lib/errors";
import { route } from "@/lib/http/route-handler";
import { browserCookie } from "@/lib/http/browser-cookie";

export const dynamic = "force-dynamic";

function destination(outcome: OAuthCallbackOutcome) {
  switch (outcome.outcome) {
    case "connected":
    case "reconnected":
      return `/connections?${outcome.outcome}=${outcome.connectionId}`;
    case "cancelled":
      return "/connections?notice=cancelled";
    case "rejected":
      return `/connections?notice=rejected-${outcome.reason}`;
    case "failed":
      return `/connections?failed=${outcome.attemptId}`;
  }
}

const redirectTo = (path: string, headers: Record<string, string> = {}) =>
  new Response(null, { status: 303, headers: { location: new URL(path, env().APP_URL).toString(), ...headers } });

/**
 * Where SunCo's OAuth bridge sends the browser back, with `code` and `state` (or `error=access_denied`). Three flows
 * arrive here: a member's "Connect Zendesk" (their state), a connect link's (the link's state, no session needed),
 * and an install begun in Zendesk (no state): its code is traded at once and the installation waits for a claim.
 */
export const GET = route("oauth-callback", async (request) => {
  const url = new URL(request.url);
  const state = url.searchParams.get("state");
  const code = url.searchParams.get("code");
  const error = url.searchParams.get("error");
  if (state) {
    const viaLink = await completeLinkOAuth(state, { code, error });
    if (viaLink) return redirectTo(`/connect/finished?outcome=${viaLink.outcome}`);
  } else if (code) {
    try {
      const { browserId } = await receiveInstallation(code);
      return redirectTo("/install", { "set-cookie": browserCookie(INSTALL_COOKIE, browserId, INSTALLATION_LIFETIME_MS / 1000) });
    } catch {
      return redirectTo("/install?notice=failed");
    }
  }
  const session = await getCurrentSession();
  // Signed out meanwhile: sign in, then come back here with the same code and state.
  if (!session) return redirectTo(signInPath(`${url.pathname}${url.search}`));
  try {
    const outcome = await completeOAuthConnect(session.user.id, { state, code, error });
    return redirectTo(destination(outcome));
  } catch (error) {
    if (error instanceof ForbiddenError) return redirectTo("/connections?notice=forbidden");
    throw error;
  }
});
