import { describe, expect, it } from "vitest";
import { attemptTimeoutMs, MAX_ATTEMPTS, retryDelayMs, shouldRetry } from "@/lib/sandbox/webhooks/retry-policy";

describe("webhook retry policy", () => {
  it("makes at most 5 attempts, the last one 15 minutes after the first, at growing intervals", () => {
    const delays = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1));
    expect(delays.reduce((sum, d) => sum + d, 0)).toBe(15 * 60 * 1000);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(shouldRetry(500, MAX_ATTEMPTS)).toBe(false);
  });

  it.each([400, 401, 403, 404, 406])("never retries after %i", (status) => {
    expect(shouldRetry(status, 1)).toBe(false);
  });

  it.each([null, 302, 408, 429, 500, 502, 503])("retries after %s", (status) => {
    expect(shouldRetry(status, 1)).toBe(true);
  });

  it("does not retry a success", () => {
    expect(shouldRetry(200, 1)).toBe(false);
    expect(shouldRetry(204, 1)).toBe(false);
  });

  it("waits 20 seconds for an answer, scaled, but never less than a second", () => {
    expect(attemptTimeoutMs(1)).toBe(20_000);
    expect(attemptTimeoutMs(0.001)).toBe(1_000);
  });
});
