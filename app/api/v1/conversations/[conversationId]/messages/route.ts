// POST /api/v1/conversations/:id/messages (lib/api/operations/conversations.ts).
import { apiHandler } from "@/lib/api";
import { sendMessageOperation } from "@/lib/api/operations/conversations";

export const dynamic = "force-dynamic";
export const POST = apiHandler(sendMessageOperation);
