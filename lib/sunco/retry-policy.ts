// When to try a failed call again: exponential backoff with full jitter, SunCo's Retry-After when it sends one,
// and never past the call's time budget.

export interface RetryPolicy {
  /** Requests per call, the first one included. */
  maxAttempts: number;
  /** The backoff cap for the first retry; it doubles with each retry up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts later than this after the call began. */
  budgetMs: number;
  /**
   * Before looking for the effect of a request that may have reached SunCo (a timed-out message send), wait at
   * least this long, so that a request still in flight lands before the lookup.
   */
  settleMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  budgetMs: 30_000,
  settleMs: 1_000,
};

/** No retries at all, for callers that retry on their own schedule (e.g. a durable job queue). */
export const NO_RETRIES: RetryPolicy = { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, budgetMs: 0, settleMs: 0 };

/**
 * "Full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter"): a uniform delay between zero and the
 * exponential cap, which spreads the retries of many clients that failed together.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * cap);
}

/** A Retry-After header (delta-seconds or an HTTP date) in milliseconds from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP date format starts with the day's name; Date.parse alone would also accept "-3" as a year.
  if (!/^[A-Za-z]{3}/.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

export interface RetryDecisionInput {
  /** The attempt that just failed, counting from 1. */
  attempt: number;
  /** Time since the call began. */
  elapsedMs: number;
  /** What the server asked for, if anything. */
  retryAfterMs: number | null;
}

/** How long to wait before the next attempt, or null when the call should give up now. */
export function delayBeforeRetry(
  { attempt, elapsedMs, retryAfterMs }: RetryDecisionInput,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  if (attempt >= policy.maxAttempts) return null;
  // Honour the server's wish, with a little jitter so that concurrent callers do not return in lockstep.
  const delay =
    retryAfterMs === null
      ? backoffDelayMs(attempt, policy, random)
      : retryAfterMs + Math.floor(random() * retryAfterMs * 0.1);
  return elapsedMs + delay <= policy.budgetMs ? delay : null;
}
