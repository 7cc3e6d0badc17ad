// SunCo's error answers: `{ errors: [{ code, title }] }` with the status and code the spec documents for each case.
import { AppError } from "@/lib/errors";

export interface SuncoErrorEntry {
  code: string;
  title: string;
}

export class SuncoApiError extends AppError {
  constructor(
    status: number,
    code: string,
    readonly title: string,
    /** Further problems; the spec allows several errors only on a 400. */
    readonly more: SuncoErrorEntry[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(title, status, code);
  }

  get body(): { errors: SuncoErrorEntry[] } {
    return { errors: [{ code: this.code, title: this.title }, ...this.more] };
  }
}

export const badRequest = (title: string, more: SuncoErrorEntry[] = []) =>
  new SuncoApiError(400, "bad_request", title, more);
export const unauthorized = (title = "Authorization is required") => new SuncoApiError(401, "unauthorized", title);
export const forbidden = (title = "Forbidden") => new SuncoApiError(403, "forbidden", title);
/** `code` is the resource-specific one the spec names (app_not_found, user_not_found, …) or plain not_found. */
export const notFound = (code = "not_found", title = "Resource not found") => new SuncoApiError(404, code, title);
export const conflict = (title: string) => new SuncoApiError(409, "conflict", title);

export const appNotFound = () => notFound("app_not_found", "App not found");
export const conversationNotFound = () => notFound("conversation_not_found", "Conversation not found");
export const userNotFound = () => notFound("user_not_found", "User not found");
export const integrationNotFound = () => notFound("integration_not_found", "Integration not found");
export const switchboardNotFound = () => notFound("switchboard_not_found", "Switchboard not found");
export const clientNotFound = () => notFound("client_not_found", "Client not found");
export const deviceNotFound = () => notFound("device_not_found", "Device not found");

export function errorResponse(error: SuncoApiError): Response {
  return Response.json(error.body, { status: error.status, headers: error.headers });
}
