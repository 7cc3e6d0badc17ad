// POST /api/v1/conversations/:id/resolve (lib/api/operations/conversations.ts).
import { apiHandler } from "@/lib/api";
import { resolveOperation } from "@/lib/api/operations/conversations";

export const dynamic = "force-dynamic";
export const POST = apiHandler(resolveOperation);
