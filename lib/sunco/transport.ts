// Sends SunCo calls: URL, headers, per-request timeout, retries, error mapping and response parsing, in one place.
import type { z } from "zod";
import type { Authorizer } from "./auth";
import { describeIssues } from "./schemas/issues";
import { apiErrorsOf, kindOfStatus, SuncoError, type SuncoApiError, type SuncoErrorKind } from "./errors";
import { report, type SuncoCallEvent, type SuncoObserver } from "./observer";
import type { HttpAnswer, HttpExchange, HttpMethod } from "./exchange";
import { delayBeforeRetry, parseRetryAfter, type RetryPolicy } from "./retry-policy";

export interface MarketplaceHeaders {
  name?: string;
  organizationId?: string;
  appId?: string;
}

export interface TransportConfig {
  /** Absolute, without a trailing slash. */
  baseUrl: string;
  /** Null for the calls that authenticate in their body (the OAuth token exchange). */
  authorize: Authorizer | null;
  exchange: HttpExchange;
  marketplace: MarketplaceHeaders;
  timeoutMs: number;
  retry: RetryPolicy;
  observer?: SuncoObserver;
  /** Seams for tests of the retry schedule. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Per-call settings every client method accepts as its last argument. */
export interface CallOptions {
  /** Cancels the call and its retries; the call then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The timeout of each request of this call, instead of the client's. */
  timeoutMs?: number;
  /** The retry policy of this call, instead of the client's. */
  retry?: RetryPolicy;
}

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

export interface CallSpec<S extends z.ZodType> {
  /** The SunCo operationId; it names the call in errors and observer events. */
  operation: string;
  method: HttpMethod;
  /** Starting with "/", path parameters already encoded (see `expandPath`). */
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON, or as multipart when it is FormData. */
  body?: unknown;
  response: S;
  /** Whether sending the request twice has the effect of sending it once. Defaults to true except for POST. */
  idempotent?: boolean;
  /**
   * For a call that is not idempotent: after a failure that may have reached SunCo, finds what the lost request did.
   * A result ends the call with it; undefined lets the call resend.
   */
  recover?: () => Promise<z.output<S> | undefined>;
  options?: CallOptions;
}

export interface Transport {
  call<S extends z.ZodType>(spec: CallSpec<S>): Promise<z.output<S>>;
}

/**
 * What a failed request tells about its effect: "rejected" (SunCo did not act: 429, connection refused),
 * "unavailable" (503: almost surely not acted on), "unknown" (5xx, timeout or broken connection after sending),
 * "final" (an answer that a retry would only repeat: 4xx, an unreadable response).
 */
type Delivery = "rejected" | "unavailable" | "unknown" | "final";

interface Failure {
  kind: SuncoErrorKind;
  delivery: Delivery;
  status: number | null;
  errors: SuncoApiError[];
  requestId: string | null;
  retryAfterMs: number | null;
  detail?: string;
  cause?: unknown;
}

type AttemptResult<T> = { ok: true; value: T; status: number } | { ok: false; failure: Failure };

const REQUEST_ID_HEADERS = ["x-zendesk-request-id", "x-request-id"];

// Errors undici raises before a single byte of the request left: safe to resend anything.
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export function createTransport(config: TransportConfig): Transport {
  const sleep = config.sleep ?? abortableSleep;
  const random = config.random ?? Math.random;
  const fixedHeaders = headersOfEveryCall(config.marketplace);
  // The header objects change only when the Authorization value does (a renewed JWT): built then, not per request.
  // Frozen because they are shared by every request, and fetch only reads them.
  let headerSets: { authorization: string | null; plain: Record<string, string>; json: Record<string, string> } | undefined;
  const headersFor = (authorization: string | null, json: boolean) => {
    if (headerSets?.authorization !== authorization) {
      const plain = authorization === null ? { ...fixedHeaders } : { ...fixedHeaders, authorization };
      headerSets = {
        authorization,
        plain: Object.freeze(plain),
        json: Object.freeze({ ...plain, "content-type": "application/json" }),
      };
    }
    return json ? headerSets.json : headerSets.plain;
  };

  async function attempt<S extends z.ZodType>(
    spec: CallSpec<S>,
    url: string,
    signal: AbortSignal | undefined,
  ): Promise<AttemptResult<z.output<S>>> {
    const timeoutMs = spec.options?.timeoutMs ?? config.timeoutMs;
    let authorization: string | null = null;
    if (config.authorize) {
      const pending = config.authorize();
      authorization = typeof pending === "string" ? pending : await pending;
    }
    const json = spec.body !== undefined && !(spec.body instanceof FormData);
    // One controller per request, its timer cleared as soon as the answer is in. Measured on Node 20, the alternatives
    // cost more: AbortSignal.timeout (its timer outlives the request), and a signal shared by many requests (fetch
    // detaches its listener from a request's signal only once the request is garbage collected).
    const timeout = new AbortController();
    const timer = setTimeout(abortOnTimeout, timeoutMs, timeout);

    let response: HttpAnswer;
    let text: string;
    try {
      response = await config.exchange(url, {
        method: spec.method,
        headers: headersFor(authorization, json),
        body: json ? JSON.stringify(spec.body) : (spec.body as FormData | undefined),
        signal: signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal,
      });
      text = await response.text();
    } catch (error) {
      signal?.throwIfAborted();
      if (timeout.signal.aborted) {
        return fail({ kind: "timeout", delivery: "unknown", detail: `no response within ${timeoutMs} ms`, cause: error });
      }
      return fail({ kind: "network", delivery: networkDelivery(error), detail: "connection failed", cause: error });
    } finally {
      clearTimeout(timer);
    }

    const body = parseJson(text);
    const status = response.status;
    if (status >= 300 && status < 400) {
      // SunCo never redirects: one means the base URL (or a proxy before it) is wrong. Following it could send the
      // credentials elsewhere, or turn a send into a GET; retrying cannot help.
      return fail({
        kind: "invalid_response",
        delivery: "final",
        status,
        requestId: requestIdOf(response),
        detail: `redirected to ${redirectTarget(response.header("location"), url)}: check the SunCo base URL`,
      });
    }
    if (status < 200 || status > 299) {
      return fail({
        kind: kindOfStatus(status),
        delivery: status === 429 ? "rejected" : status === 503 ? "unavailable" : status >= 500 ? "unknown" : "final",
        status,
        errors: apiErrorsOf(body),
        requestId: requestIdOf(response),
        retryAfterMs: status === 429 || status === 503 ? parseRetryAfter(response.header("retry-after")) : null,
      });
    }
    if (body === NOT_JSON) {
      return fail({
        kind: "invalid_response",
        delivery: "final",
        status,
        requestId: requestIdOf(response),
        detail: "the response is not JSON",
      });
    }
    const parsed = spec.response.safeParse(body);
    if (!parsed.success) {
      return fail({
        kind: "invalid_response",
        delivery: "final",
        status,
        requestId: requestIdOf(response),
        // Field names and rules only: values may be secrets (webhook secrets, key secrets).
        detail: `unexpected response: ${summarize(describeIssues(parsed.error, "response"))}`,
      });
    }
    return { ok: true, value: parsed.data, status };
  }

  return {
    async call(spec) {
      const url = config.baseUrl + spec.path + queryString(spec.query);
      const policy = spec.options?.retry ?? config.retry;
      const signal = spec.options?.signal;
      const idempotent = spec.idempotent ?? spec.method !== "POST";
      const started = performance.now();
      let mayHaveSucceeded = false;

      for (let attemptNumber = 1; ; attemptNumber++) {
        signal?.throwIfAborted();
        const attemptStarted = performance.now();
        const result = await attempt(spec, url, signal);
        // Plain calls rather than a closure per attempt: the success path is every call's path.
        if (result.ok) {
          if (config.observer) {
            observe(config.observer, spec, attemptNumber, attemptStarted, { status: result.status, outcome: "success" });
          }
          return result.value;
        }

        const { failure } = result;
        mayHaveSucceeded ||= failure.delivery === "unknown" || failure.delivery === "unavailable";
        const next = nextStep(failure.delivery, idempotent, spec.recover !== undefined);
        const delay =
          next === "stop"
            ? null
            : delayBeforeRetry(
                { attempt: attemptNumber, elapsedMs: performance.now() - started, retryAfterMs: failure.retryAfterMs },
                policy,
                random,
              );
        observe(config.observer, spec, attemptNumber, attemptStarted, {
          status: failure.status,
          outcome: delay === null ? "failure" : "retry",
          errorKind: failure.kind,
        });
        const giveUp = (cause?: unknown) =>
          new SuncoError({
            ...failure,
            operation: spec.operation,
            attempts: attemptNumber,
            mayHaveSucceeded,
            cause: cause ?? failure.cause,
          });
        if (delay === null) throw giveUp();

        // A lost request may still be on its way through SunCo: give it time to land before looking for it.
        await sleep(next === "recover" ? Math.max(delay, policy.settleMs) : delay, signal);
        if (next === "recover") {
          let recovered: z.output<typeof spec.response> | undefined;
          try {
            recovered = await spec.recover!();
          } catch (lookupFailure) {
            // Without knowing whether the lost request took effect, resending could do it twice.
            throw giveUp(lookupFailure);
          }
          if (recovered !== undefined) return recovered;
        }
      }
    },
  };
}

function abortOnTimeout(timeout: AbortController) {
  timeout.abort(new DOMException("The SunCo call timed out", "TimeoutError"));
}

function observe(
  observer: SuncoObserver | undefined,
  spec: CallSpec<z.ZodType>,
  attempt: number,
  attemptStarted: number,
  event: Pick<SuncoCallEvent, "status" | "outcome" | "errorKind">,
) {
  if (!observer) return;
  report(observer, {
    operation: spec.operation,
    method: spec.method,
    attempt,
    durationMs: performance.now() - attemptStarted,
    ...event,
  });
}

/** Where a redirect pointed, without its query (which could carry anything). */
function redirectTarget(location: string | null, from: string): string {
  if (!location) return "nowhere";
  try {
    const target = new URL(location, from);
    return target.origin + target.pathname;
  } catch {
    return "an invalid location";
  }
}

function requestIdOf(response: HttpAnswer): string | null {
  return REQUEST_ID_HEADERS.map((name) => response.header(name)).find(Boolean) ?? null;
}

function nextStep(delivery: Delivery, idempotent: boolean, recoverable: boolean): "resend" | "recover" | "stop" {
  if (delivery === "final") return "stop";
  if (delivery === "rejected" || idempotent) return "resend";
  if (recoverable) return "recover";
  return delivery === "unavailable" ? "resend" : "stop";
}

function fail(failure: Partial<Failure> & Pick<Failure, "kind" | "delivery">): { ok: false; failure: Failure } {
  return {
    ok: false,
    failure: { status: null, errors: [], requestId: null, retryAfterMs: null, ...failure },
  };
}

function networkDelivery(error: unknown): Delivery {
  // undici's request raises the socket's error itself; fetch wraps it in a TypeError whose cause it is.
  const failure = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = failure?.code ?? failure?.cause?.code;
  return typeof code === "string" && NOT_SENT_CODES.has(code) ? "rejected" : "unknown";
}

const NOT_JSON = Symbol("not JSON");

function parseJson(text: string): unknown {
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function summarize(problems: string[], shown = 5): string {
  const more = problems.length - shown;
  return problems.slice(0, shown).join("; ") + (more > 0 ? `; and ${more} more` : "");
}

function headersOfEveryCall({ name, organizationId, appId }: MarketplaceHeaders): Record<string, string> {
  // Compressed answers are decoded by either way out (lib/sunco/http.ts): pages of messages are large JSON.
  const headers: Record<string, string> = {
    accept: "application/json",
    "accept-encoding": "gzip, deflate, br",
    "user-agent": "Sunbridge",
  };
  if (name) headers["x-zendesk-marketplace-name"] = name;
  if (organizationId) headers["x-zendesk-marketplace-organization-id"] = organizationId;
  if (appId) headers["x-zendesk-marketplace-app-id"] = appId;
  return headers;
}

/** `page[after]=…&filter[types]=custom,web`; undefined and null values are left out. */
export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return "";
  let encoded = "";
  for (const name in query) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    const text = Array.isArray(value) ? value.join(",") : String(value);
    encoded += `${encoded ? "&" : "?"}${encodeURIComponent(name)}=${encodeURIComponent(text)}`;
  }
  return encoded;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
