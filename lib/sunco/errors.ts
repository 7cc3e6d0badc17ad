// The one error every failed SunCo call raises: what went wrong (kind), where (operation), and what SunCo said.
// Messages never contain URLs, headers, bodies or credentials: only the operation, status and SunCo's titles.

export type SuncoErrorKind =
  | "auth"
  | "not_found"
  | "rate_limited"
  | "server"
  | "timeout"
  | "network"
  | "invalid_response"
  | "client";

/** One entry of SunCo's `{"errors":[{"code","title"}]}` body. */
export interface SuncoApiError {
  code: string;
  title: string;
}

export interface SuncoErrorDetails {
  kind: SuncoErrorKind;
  operation: string;
  /** The HTTP status, or null when no response arrived (timeout, network). */
  status?: number | null;
  errors?: SuncoApiError[];
  requestId?: string | null;
  /** Whether SunCo may have acted on the request although the call failed (timeout or 5xx after it went out). */
  mayHaveSucceeded?: boolean;
  /** How many requests were made, retries included. */
  attempts?: number;
  /** What SunCo's Retry-After asked for, when the call gave up rather than wait that long. */
  retryAfterMs?: number | null;
  /** A short description when SunCo gave no error list (e.g. "timed out after 10000 ms"). */
  detail?: string;
  cause?: unknown;
}

export class SuncoError extends Error {
  readonly kind: SuncoErrorKind;
  readonly operation: string;
  readonly status: number | null;
  readonly errors: SuncoApiError[];
  readonly requestId: string | null;
  readonly mayHaveSucceeded: boolean;
  readonly attempts: number;
  readonly retryAfterMs: number | null;

  constructor(details: SuncoErrorDetails) {
    super(describe(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "SuncoError";
    this.kind = details.kind;
    this.operation = details.operation;
    this.status = details.status ?? null;
    this.errors = details.errors ?? [];
    this.requestId = details.requestId ?? null;
    this.mayHaveSucceeded = details.mayHaveSucceeded ?? false;
    this.attempts = details.attempts ?? 1;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }

  /** The first SunCo error code, e.g. "conversation_not_found", for branching on a specific failure. */
  get code(): string | null {
    return this.errors[0]?.code ?? null;
  }

  /** What SunCo said, e.g. "Message limit reached (locked)"; empty when it sent no error list. */
  get said(): string {
    return this.errors.map(titleOf).join("; ");
  }

  /** Whether the same request may succeed later: SunCo was busy, down or out of reach. */
  get transient(): boolean {
    return this.kind === "rate_limited" || this.kind === "server" || this.kind === "timeout" || this.kind === "network";
  }
}

const titleOf = ({ code, title }: SuncoApiError) => (title ? `${title} (${code})` : code);

function describe({ kind, operation, status, errors, detail }: SuncoErrorDetails): string {
  const what = [status ? `HTTP ${status}` : kind, ...(detail ? [detail] : []), ...(errors ?? []).map(titleOf)].join(", ");
  return `SunCo ${operation} failed: ${what}`;
}

/** The kind of failure an HTTP error status means. */
export function kindOfStatus(status: number): SuncoErrorKind {
  if (status === 401) return "auth";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server";
  return "client";
}

/** SunCo's error list from a response body, tolerating anything that is not one. */
export function apiErrorsOf(body: unknown): SuncoApiError[] {
  if (typeof body !== "object" || body === null || !Array.isArray((body as { errors?: unknown }).errors)) return [];
  return (body as { errors: unknown[] }).errors.flatMap((entry) => {
    if (typeof entry !== "object" || entry === null) return [];
    const { code, title } = entry as { code?: unknown; title?: unknown };
    return typeof code === "string" ? [{ code, title: typeof title === "string" ? title : "" }] : [];
  });
}
