// The few error kinds the product raises on purpose. Route handlers and server actions map them to HTTP
// statuses and form messages in one place each (lib/http/route-handler.ts, lib/actions/action.ts).
// Messages are written for the person who sees them and never contain secrets.

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends AppError {
  constructor(
    message = "Some fields need attention.",
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message, 400, "invalid_input");
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Sign in to continue.") {
    super(message, 401, "unauthenticated");
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You don't have permission to do that.") {
    super(message, 403, "forbidden");
  }
}

/** Also used for records of another organization, so their existence is not revealed. */
export class NotFoundError extends AppError {
  constructor(message = "Not found.") {
    super(message, 404, "not_found");
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409, "conflict");
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(message, 413, "payload_too_large");
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super(message, 415, "unsupported_media_type");
  }
}

export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 429, "rate_limited");
  }
}

/** What a dependency said about its refusal, e.g. SunCo's `{code, title}` errors, shown as they came. */
export interface UpstreamDetail {
  code: string;
  title: string;
}

/** A dependency (SunCo, the database) failed; `status` is what we answer with. */
export class UpstreamError extends AppError {
  constructor(
    message: string,
    status = 502,
    code = "upstream_error",
    readonly details: UpstreamDetail[] = [],
  ) {
    super(message, status, code);
  }
}

/** The database could not be reached or did not answer: callers may retry. */
export class DatabaseUnavailableError extends UpstreamError {
  constructor(message = "The database is unavailable; try again shortly.", options?: { cause?: unknown }) {
    super(message, 503, "database_unavailable");
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
