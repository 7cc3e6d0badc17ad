// GET /api/inbox/conversations/:id/handoff-targets — the switchboard integrations control can be passed to.
import { requireMember } from "@/lib/auth/require-member";
import { route } from "@/lib/http/route-handler";
import { listHandoffTargets } from "@/lib/inbox";

export const dynamic = "force-dynamic";

export const GET = route<{ conversationId: string }>("inbox-handoff-targets", async (_request, { params }) => {
  const member = await requireMember();
  return Response.json({ targets: await listHandoffTargets(member, (await params).conversationId) });
});
