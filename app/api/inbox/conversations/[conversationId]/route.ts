// GET /api/inbox/conversations/:id — one conversation as the list shows it (a live update about one not loaded yet).
import { requireMember } from "@/lib/auth/require-member";
import { NotFoundError } from "@/lib/errors";
import { route } from "@/lib/http/route-handler";
import { conversationSummary } from "@/lib/inbox";

export const dynamic = "force-dynamic";

export const GET = route<{ conversationId: string }>("inbox-conversation", async (_request, { params }) => {
  const member = await requireMember();
  const summary = await conversationSummary(member, (await params).conversationId);
  if (!summary) throw new NotFoundError("There is no such conversation in this organization.");
  return Response.json(summary);
});
