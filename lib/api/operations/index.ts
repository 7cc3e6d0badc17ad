// Every /api/v1 operation, in the order the OpenAPI document lists them. A route file under app/api/v1 exports one
// of these through apiHandler; tests/integration/api-openapi.test.ts fails when a route's operation is missing here.
import type { Operation } from "../operation";
import { EVENT_ENDPOINT_OPERATIONS } from "./event-endpoints";

export const OPERATIONS: readonly Operation[] = [...EVENT_ENDPOINT_OPERATIONS] as Operation[];
