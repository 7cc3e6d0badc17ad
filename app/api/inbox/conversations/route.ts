// GET /api/inbox/conversations — a page of the inbox list (the same filters as /inbox's query string), for "Load more".
import { requireMember } from "@/lib/auth/require-member";
import { route } from "@/lib/http/route-handler";
import { inboxFilterSchema, listConversations } from "@/lib/inbox";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

export const GET = route("inbox-list", async (request) => {
  const member = await requireMember();
  const filter = parseInput(inboxFilterSchema, Object.fromEntries(new URL(request.url).searchParams), "query");
  return Response.json(await listConversations(member, filter));
});
