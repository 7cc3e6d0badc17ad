import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { deadlineSignal, WINDOW_MS } from "@/lib/sunco/deadlines";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.parse("2025-05-01T00:00:00.000Z") + 3);
});
afterEach(() => vi.useRealTimers());

describe("request deadlines", () => {
  it("abort with a TimeoutError no sooner than the timeout, and within one window after it", () => {
    const signal = deadlineSignal(1_000);
    vi.advanceTimersByTime(999);
    expect(signal.aborted).toBe(false);
    vi.advanceTimersByTime(WINDOW_MS);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe("TimeoutError");
  });

  it("share one signal between requests whose deadlines fall in the same window", () => {
    const first = deadlineSignal(1_000);
    vi.advanceTimersByTime(1);
    expect(deadlineSignal(1_000)).toBe(first);
    expect(deadlineSignal(5_000)).not.toBe(first);
    vi.advanceTimersByTime(WINDOW_MS);
    expect(deadlineSignal(1_000)).not.toBe(first);
  });
});
