// SunCo's documented webhook retry policy: up to 5 attempts over a 15-minute window at exponentially growing
// intervals, each attempt failing after 20 seconds without an answer, and no retry after 400/401/403/404/406.

export const MAX_ATTEMPTS = 5;
export const ATTEMPT_TIMEOUT_MS = 20_000;
/** Scaled timeouts never drop below this, so a busy test machine does not see spurious timeouts. */
export const MIN_ATTEMPT_TIMEOUT_MS = 1_000;

const NON_RECOVERABLE = new Set([400, 401, 403, 404, 406]);
/** 1, 2, 4 and 8 minutes: the fifth attempt lands 15 minutes after the first. */
const FIRST_RETRY_DELAY_MS = 60_000;

export function isSuccess(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

/** `status` is null when the target did not answer (connection refused, timeout). */
export function shouldRetry(status: number | null, attemptsMade: number): boolean {
  if (isSuccess(status) || attemptsMade >= MAX_ATTEMPTS) return false;
  return status === null || !NON_RECOVERABLE.has(status);
}

/** How long to wait before the next attempt, after `attemptsMade` failed ones. */
export function retryDelayMs(attemptsMade: number): number {
  return FIRST_RETRY_DELAY_MS * 2 ** (attemptsMade - 1);
}

export function attemptTimeoutMs(timeScale: number): number {
  return Math.max(ATTEMPT_TIMEOUT_MS * timeScale, MIN_ATTEMPT_TIMEOUT_MS);
}
