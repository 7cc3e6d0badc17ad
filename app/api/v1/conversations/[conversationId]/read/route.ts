// POST /api/v1/conversations/:id/read (lib/api/operations/conversations.ts).
import { apiHandler } from "@/lib/api";
import { markReadOperation } from "@/lib/api/operations/conversations";

export const dynamic = "force-dynamic";
export const POST = apiHandler(markReadOperation);
