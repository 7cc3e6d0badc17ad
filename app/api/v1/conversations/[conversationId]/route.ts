// GET /api/v1/conversations/:id (lib/api/operations/conversations.ts).
import { apiHandler } from "@/lib/api";
import { getConversationOperation } from "@/lib/api/operations/conversations";

export const dynamic = "force-dynamic";
export const GET = apiHandler(getConversationOperation);
