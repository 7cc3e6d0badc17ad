// POST /api/v1/conversations/:id/reopen (lib/api/operations/conversations.ts).
import { apiHandler } from "@/lib/api";
import { reopenOperation } from "@/lib/api/operations/conversations";

export const dynamic = "force-dynamic";
export const POST = apiHandler(reopenOperation);
