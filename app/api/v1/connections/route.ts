// GET /api/v1/connections (lib/api/operations/connections.ts).
import { apiHandler } from "@/lib/api";
import { listConnectionsOperation } from "@/lib/api/operations/connections";

export const dynamic = "force-dynamic";
export const GET = apiHandler(listConnectionsOperation);
