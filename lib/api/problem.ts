// /api/v1's errors as RFC 9457 problem details (application/problem+json). Each kind of error has a stable `type`, a
// relative URI pointing at its entry on /docs/api (`/docs/api#problem-<slug>`), so a client can branch on it and a
// person can read about it. 422 answers carry `errors`: field → messages, the field named as in the request
// (`text`, `attachment.mediaUrl`, `query.limit`, the `Idempotency-Key` header).
import { z } from "zod";
import { AppError, type FieldErrors, InvalidInputError, RateLimitedError } from "@/lib/errors";

export interface ProblemKind {
  slug: string;
  status: number;
  title: string;
  /** When a client meets it, for the docs page. */
  meaning: string;
}

/** Every problem type /api/v1 answers with, by the AppError code (or the framework's own names) that produces it. */
export const PROBLEMS = {
  unauthenticated: { slug: "unauthenticated", status: 401, title: "Unauthenticated", meaning: "No API key, or one that is unknown, revoked or expired." },
  forbidden: { slug: "missing-scope", status: 403, title: "Missing scope", meaning: "The key lacks the scope the operation needs (read, send or manage)." },
  not_found: { slug: "not-found", status: 404, title: "Not found", meaning: "No such record in the key's organization (another organization's ids are not found either)." },
  conflict: { slug: "conflict", status: 409, title: "Conflict", meaning: "The record's state does not allow it, e.g. sending to a conversation whose connection is disconnected." },
  idempotency_in_progress: { slug: "idempotency-in-progress", status: 409, title: "Request in progress", meaning: "A request with this Idempotency-Key is still running; retry shortly to get its answer." },
  payload_too_large: { slug: "payload-too-large", status: 413, title: "Payload too large", meaning: "The body is over the operation's limit." },
  unsupported_media_type: { slug: "unsupported-media-type", status: 415, title: "Unsupported media type", meaning: "The body's content type is not the one the operation takes." },
  invalid_input: { slug: "invalid-input", status: 422, title: "Invalid input", meaning: "Some fields are missing or wrong; errors names each with its messages." },
  idempotency_key_reused: { slug: "idempotency-key-reused", status: 422, title: "Idempotency-Key reused", meaning: "This Idempotency-Key was used in the last 24 hours with a different request." },
  rate_limited: { slug: "rate-limited", status: 429, title: "Too many requests", meaning: "The key made too many requests this minute; wait for Retry-After seconds." },
  upstream_error: { slug: "upstream-error", status: 502, title: "SunCo failed", meaning: "Sunshine Conversations refused or failed the call; detail says what it said." },
  unavailable: { slug: "unavailable", status: 503, title: "Unavailable", meaning: "The database or SunCo is unavailable for now; retry later." },
  internal: { slug: "internal", status: 500, title: "Internal error", meaning: "Something went wrong on Sunbridge's side; the answer's requestId helps us find it." },
} as const satisfies Record<string, ProblemKind>;

export type ProblemName = keyof typeof PROBLEMS;

export const problemType = (kind: ProblemKind) => `/docs/api#problem-${kind.slug}`;

export const problemSchema = z
  .object({
    type: z.string().meta({ description: "Stable per kind of error: /docs/api#problem-<slug>.", example: "/docs/api#problem-not-found" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.record(z.string(), z.array(z.string())).optional().meta({ description: "422 only: field → messages." }),
    requestId: z.string().optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });

export type Problem = z.infer<typeof problemSchema>;

/** An error the framework raises with a problem type of its own (not one of lib/errors' codes). */
export class ApiProblem extends AppError {
  constructor(
    readonly problem: ProblemName,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message, PROBLEMS[problem].status, problem);
  }
}

function kindOf(error: AppError): ProblemKind {
  if (error.code in PROBLEMS) return PROBLEMS[error.code as ProblemName];
  if (error.status === 503) return PROBLEMS.unavailable;
  if (error.status >= 500) return PROBLEMS.upstream_error;
  return { ...PROBLEMS.conflict, status: error.status };
}

/** The problem an error answers with; anything not an AppError is internal, its message never shown. */
export function problemOf(error: unknown, requestId: string): Problem {
  if (!(error instanceof AppError)) {
    const kind = PROBLEMS.internal;
    return { type: problemType(kind), title: kind.title, status: kind.status, detail: "Something went wrong on our side.", requestId };
  }
  const kind = kindOf(error);
  const fieldErrors = error instanceof InvalidInputError ? error.fieldErrors : error instanceof ApiProblem ? error.fieldErrors : undefined;
  return {
    type: problemType(kind),
    title: kind.title,
    status: kind.status,
    detail: error.message,
    ...(fieldErrors ? { errors: fieldErrors } : {}),
    requestId,
  };
}

export function problemResponse(problem: Problem, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(problem), { status: problem.status, headers: { ...headers, "content-type": "application/problem+json" } });
}

export function retryAfterOf(error: unknown): number | null {
  return error instanceof RateLimitedError ? error.retryAfterSeconds : null;
}
