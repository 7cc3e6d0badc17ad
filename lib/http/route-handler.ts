// Route handlers are wrapped once: a request id (taken from X-Request-Id when a proxy set one), a child
// logger carrying it, and the single mapping from typed errors to HTTP answers.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { AppError, InvalidInputError, RateLimitedError, UpstreamError } from "@/lib/errors";
import { logger } from "@/lib/log";

export interface RouteContext {
  requestId: string;
  log: Logger;
}

const REQUEST_ID = /^[\w.:-]{8,100}$/;

/** The request id a proxy set in X-Request-Id, when it looks like one; else a new one. */
export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * One log line per answer: successes at debug level (the webhook endpoint answers thousands a second). `log` may be
 * a function making the logger, called only when the line is written: a child logger costs tens of microseconds.
 */
export function logAnswer(log: Logger | (() => Logger), method: string, status: number, started: number) {
  const level = status >= 500 ? "error" : status >= 400 ? "info" : "debug";
  if (!logger().isLevelEnabled(level)) return;
  (typeof log === "function" ? log() : log)[level]({ method, status, durationMs: Math.round(performance.now() - started) }, "request");
}

export function jsonError(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return Response.json({ error: { code, message, ...extra } }, { status });
}

export function errorResponse(error: unknown, requestId: string, log: Logger): Response {
  if (error instanceof AppError) {
    const extra =
      error instanceof InvalidInputError
        ? { fields: error.fieldErrors }
        : error instanceof UpstreamError && error.details.length > 0
          ? { details: error.details }
          : {};
    const response = jsonError(error.status, error.code, error.message, extra);
    if (error instanceof RateLimitedError) response.headers.set("retry-after", String(error.retryAfterSeconds));
    return response;
  }
  log.error({ err: error }, "route handler failed");
  return jsonError(500, "internal", "Something went wrong on our side.", { requestId });
}

/**
 * Wraps a route handler. `name` labels its logs. Successful answers are logged at debug level (the
 * webhook endpoint answers thousands a second), client errors at info, server errors at error.
 */
export function route<Params>(
  name: string,
  handler: (request: Request, context: { params: Promise<Params> } & RouteContext) => Promise<Response>,
) {
  return async (request: Request, context: { params: Promise<Params> }) => {
    const requestId = requestIdFrom(request.headers.get("x-request-id"));
    const log = logger().child({ requestId, route: name });
    const started = performance.now();
    let response: Response;
    try {
      response = await handler(request, { ...context, requestId, log });
    } catch (error) {
      response = errorResponse(error, requestId, log);
    }
    logAnswer(log, request.method, response.status, started);
    return withHeader(response, "x-request-id", requestId);
  };
}

function withHeader(response: Response, name: string, value: string) {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    // Some responses (redirects, fetched ones) have immutable headers: copy them into a new response.
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}
