// Sending an endpoint a test event.
import { apiHandler } from "@/lib/api";
import { testEventEndpoint } from "@/lib/api/operations/event-endpoints";

export const POST = apiHandler(testEventEndpoint);
