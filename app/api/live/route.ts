// GET /api/live — the signed-in member's organization's live events, as Server-Sent Events (EventSource).
import { watchMemberAccess } from "@/lib/auth/access-watch";
import { requireMember } from "@/lib/auth/require-member";
import { route } from "@/lib/http/route-handler";
import { openLiveStream } from "@/lib/live";
import { watchConnectionScope } from "@/lib/teams";

export const dynamic = "force-dynamic";

export const GET = route("live", async (request) => {
  const url = new URL(request.url);
  const member = await requireMember(url.searchParams.get("organizationId"));
  // Only the events of connections the member's teams serve; a change to their teams applies within seconds.
  const visibility = await watchConnectionScope(member);
  const stream = openLiveStream({
    visibility,
    organizationId: member.organization.id,
    memberId: member.actor.id,
    // EventSource sends the header when it reconnects; a page opening anew passes the id its data is as of.
    lastEventId: request.headers.get("last-event-id") ?? url.searchParams.get("lastEventId"),
    signal: request.signal,
    // Signing out or being removed ends the stream within seconds, whichever instance serves it.
    watchAccess: (lost) => watchMemberAccess({ sessionId: member.sessionId, organizationId: member.organization.id }, lost),
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // Tells nginx-style proxies not to buffer the stream.
      "x-accel-buffering": "no",
    },
  });
});
