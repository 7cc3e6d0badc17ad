// POST /api/v1/conversations/:id/typing (lib/api/operations/conversations.ts).
import { apiHandler } from "@/lib/api";
import { typingOperation } from "@/lib/api/operations/conversations";

export const dynamic = "force-dynamic";
export const POST = apiHandler(typingOperation);
