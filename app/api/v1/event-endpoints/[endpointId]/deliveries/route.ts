// An endpoint's delivery log.
import { apiHandler } from "@/lib/api";
import { listEventDeliveries } from "@/lib/api/operations/event-endpoints";

export const GET = apiHandler(listEventDeliveries);
