// GET /api/v1/members (lib/api/operations/members.ts).
import { apiHandler } from "@/lib/api";
import { listMembersOperation } from "@/lib/api/operations/members";

export const dynamic = "force-dynamic";
export const GET = apiHandler(listMembersOperation);
