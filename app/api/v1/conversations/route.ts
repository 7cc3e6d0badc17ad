// GET and POST /api/v1/conversations (lib/api/operations/conversations.ts).
import { apiHandler } from "@/lib/api";
import { listConversationsOperation, startConversationOperation } from "@/lib/api/operations/conversations";

export const dynamic = "force-dynamic";
export const GET = apiHandler(listConversationsOperation);
export const POST = apiHandler(startConversationOperation);
