// GET /api/v1/conversations/:id/timeline (lib/api/operations/conversations.ts).
import { apiHandler } from "@/lib/api";
import { getTimelineOperation } from "@/lib/api/operations/conversations";

export const dynamic = "force-dynamic";
export const GET = apiHandler(getTimelineOperation);
