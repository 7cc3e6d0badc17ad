import { getCurrentSession } from "@/lib/auth/current-session";
import { signInPath } from "@/lib/auth/return-path";
import { completeOAuthConnect, type OAuthCallbackOutcome } from "@/lib/connections";
import { env } from "@/lib/env";
import { ForbiddenError } from "@/lib/errors";
import { route } from "@/lib/http/route-handler";

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

const redirectTo = (path: string) => Response.redirect(new URL(path, env().APP_URL), 303);

/** Where SunCo's OAuth bridge sends the browser back, with `code` and `state` (or `error=access_denied`). */
export const GET = route("oauth-callback", async (request) => {
  const url = new URL(request.url);
  const session = await getCurrentSession();
  // Signed out meanwhile: sign in, then come back here with the same code and state.
  if (!session) return redirectTo(signInPath(`${url.pathname}${url.search}`));
  try {
    const outcome = await completeOAuthConnect(session.user.id, {
      state: url.searchParams.get("state"),
      code: url.searchParams.get("code"),
      error: url.searchParams.get("error"),
    });
    return redirectTo(destination(outcome));
  } catch (error) {
    if (error instanceof ForbiddenError) return redirectTo("/connections?notice=forbidden");
    throw error;
  }
});
