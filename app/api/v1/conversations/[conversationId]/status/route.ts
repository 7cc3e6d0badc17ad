// POST /api/v1/conversations/:id/status (lib/api/operations/conversations.ts).
import { apiHandler } from "@/lib/api";
import { setStatusOperation } from "@/lib/api/operations/conversations";

export const dynamic = "force-dynamic";
export const POST = apiHandler(setStatusOperation);
