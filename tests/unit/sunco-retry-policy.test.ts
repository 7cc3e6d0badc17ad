import { describe, expect, it } from "vitest";
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  delayBeforeRetry,
  parseRetryAfter,
  type RetryPolicy,
} from "@/lib/sunco/retry-policy";

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000, budgetMs: 10_000, settleMs: 0 };
const highest = () => 0.999_999;
const lowest = () => 0;

describe("backoff with full jitter", () => {
  it("doubles the cap with each retry up to the maximum", () => {
    expect([1, 2, 3, 4, 5, 6].map((retry) => backoffDelayMs(retry, policy, highest))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
  });

  it("draws anywhere from zero to the cap", () => {
    expect(backoffDelayMs(3, policy, lowest)).toBe(0);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(200);
  });
});

describe("Retry-After", () => {
  it("reads delta-seconds", () => {
    expect(parseRetryAfter("1")).toBe(1_000);
    expect(parseRetryAfter(" 30 ")).toBe(30_000);
  });

  it("reads an HTTP date relative to now, never negative", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 23:59:00 GMT", now)).toBe(0);
  });

  it("ignores a missing or unreadable value", () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("")).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
    expect(parseRetryAfter("-3")).toBeNull();
  });
});

describe("deciding to retry", () => {
  it("backs off while attempts remain, then gives up", () => {
    expect(delayBeforeRetry({ attempt: 1, elapsedMs: 0, retryAfterMs: null }, policy, highest)).toBe(99);
    expect(delayBeforeRetry({ attempt: 4, elapsedMs: 0, retryAfterMs: null }, policy, highest)).toBe(799);
    expect(delayBeforeRetry({ attempt: 5, elapsedMs: 0, retryAfterMs: null }, policy, highest)).toBeNull();
  });

  it("waits what Retry-After asks, plus at most a tenth of it", () => {
    expect(delayBeforeRetry({ attempt: 1, elapsedMs: 0, retryAfterMs: 1_000 }, policy, lowest)).toBe(1_000);
    expect(delayBeforeRetry({ attempt: 1, elapsedMs: 0, retryAfterMs: 1_000 }, policy, highest)).toBe(1_099);
  });

  it("gives up rather than wait past the time budget", () => {
    expect(delayBeforeRetry({ attempt: 1, elapsedMs: 9_950, retryAfterMs: null }, policy, highest)).toBeNull();
    expect(delayBeforeRetry({ attempt: 1, elapsedMs: 0, retryAfterMs: 60_000 }, policy, lowest)).toBeNull();
    expect(delayBeforeRetry({ attempt: 1, elapsedMs: 9_950, retryAfterMs: null }, policy, lowest)).toBe(0);
  });

  it("allows three retries by default, as a transient outage needs", () => {
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBeGreaterThanOrEqual(4);
  });
});
