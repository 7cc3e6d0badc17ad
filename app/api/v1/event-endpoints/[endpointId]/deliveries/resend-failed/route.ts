// Resending an endpoint's failed deliveries in a time range.
import { apiHandler } from "@/lib/api";
import { resendFailedEventDeliveries } from "@/lib/api/operations/event-endpoints";

export const POST = apiHandler(resendFailedEventDeliveries);
