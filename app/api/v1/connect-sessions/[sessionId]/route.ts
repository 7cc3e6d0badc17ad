// One connect link.
import { apiHandler } from "@/lib/api";
import { revokeConnectSession } from "@/lib/api/operations/connect-sessions";

export const DELETE = apiHandler(revokeConnectSession);
