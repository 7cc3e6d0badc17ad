// Rotating an endpoint's signing secret.
import { apiHandler } from "@/lib/api";
import { rotateEventEndpointSecret } from "@/lib/api/operations/event-endpoints";

export const POST = apiHandler(rotateEventEndpointSecret);
