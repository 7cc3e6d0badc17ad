// The organization's connect links (lib/api/operations/connect-sessions.ts).
import { apiHandler } from "@/lib/api";
import { createConnectSession, listConnectSessions } from "@/lib/api/operations/connect-sessions";

export const GET = apiHandler(listConnectSessions);
export const POST = apiHandler(createConnectSession);
