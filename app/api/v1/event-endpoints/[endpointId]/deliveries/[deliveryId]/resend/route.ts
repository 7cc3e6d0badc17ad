// Resending one delivery.
import { apiHandler } from "@/lib/api";
import { resendEventDelivery } from "@/lib/api/operations/event-endpoints";

export const POST = apiHandler(resendEventDelivery);
