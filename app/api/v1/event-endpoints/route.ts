// The organization's event endpoints (lib/api/operations/event-endpoints.ts).
import { apiHandler } from "@/lib/api";
import { createEventEndpoint, listEventEndpoints } from "@/lib/api/operations/event-endpoints";

export const GET = apiHandler(listEventEndpoints);
export const POST = apiHandler(createEventEndpoint);
