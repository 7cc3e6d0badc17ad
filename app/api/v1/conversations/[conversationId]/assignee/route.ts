// POST /api/v1/conversations/:id/assignee (lib/api/operations/conversations.ts).
import { apiHandler } from "@/lib/api";
import { assignConversationOperation } from "@/lib/api/operations/conversations";

export const dynamic = "force-dynamic";
export const POST = apiHandler(assignConversationOperation);
