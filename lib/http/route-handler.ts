// Route handlers throw typed errors; this is the one place they become HTTP responses.
import { AppError, RateLimitedError } from "@/lib/errors";
import { logger } from "@/lib/log";

/** `{ error: { code, message } }` with the error's status; anything untyped is logged and answers 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const headers: Record<string, string> = {};
    if (error instanceof RateLimitedError) headers["retry-after"] = String(error.retryAfterSeconds);
    return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status, headers });
  }
  logger().error({ err: error }, "route handler failed");
  return Response.json(
    { error: { code: "internal_error", message: "Something went wrong on our side. Please try again." } },
    { status: 500 },
  );
}

export async function handleRoute(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    return errorResponse(error);
  }
}
