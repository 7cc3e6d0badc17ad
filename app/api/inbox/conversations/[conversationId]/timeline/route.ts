// GET /api/inbox/conversations/:id/timeline?before= — an older page of the thread.
import { requireMember } from "@/lib/auth/require-member";
import { route } from "@/lib/http/route-handler";
import { getTimeline, timelineQuerySchema } from "@/lib/inbox";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

export const GET = route<{ conversationId: string }>("inbox-timeline", async (request, { params }) => {
  const member = await requireMember();
  const { before } = parseInput(timelineQuerySchema, Object.fromEntries(new URL(request.url).searchParams), "query");
  return Response.json(await getTimeline(member, (await params).conversationId, { before }));
});
