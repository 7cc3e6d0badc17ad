// One event endpoint.
import { apiHandler } from "@/lib/api";
import { deleteEventEndpoint, getEventEndpoint, updateEventEndpoint } from "@/lib/api/operations/event-endpoints";

export const GET = apiHandler(getEventEndpoint);
export const PATCH = apiHandler(updateEventEndpoint);
export const DELETE = apiHandler(deleteEventEndpoint);
