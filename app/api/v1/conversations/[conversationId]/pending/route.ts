// POST /api/v1/conversations/:id/pending (lib/api/operations/conversations.ts).
import { apiHandler } from "@/lib/api";
import { setPendingOperation } from "@/lib/api/operations/conversations";

export const dynamic = "force-dynamic";
export const POST = apiHandler(setPendingOperation);
