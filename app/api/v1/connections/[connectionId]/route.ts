// GET and PATCH /api/v1/connections/:id (lib/api/operations/connections.ts).
import { apiHandler } from "@/lib/api";
import { getConnectionOperation, updateConnectionOperation } from "@/lib/api/operations/connections";

export const dynamic = "force-dynamic";
export const GET = apiHandler(getConnectionOperation);
export const PATCH = apiHandler(updateConnectionOperation);
