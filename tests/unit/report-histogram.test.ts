// The report tallies' histograms (lib/reports/histogram.ts): a percentile read from them stays within its bucket's
// 10% of percentile_cont's exact figure, whatever the durations.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketBounds, histogramPercentile } from "@/lib/reports/histogram";

/** The bucket (0-based) SQL report_bucket gives a duration, as its bounds say. */
function bucketOf(seconds: number): number {
  if (seconds <= 0) return 0;
  let index = 1;
  while (index < 200 && seconds >= bucketBounds(index)[1]) index++;
  return index;
}

function histogram(values: number[]): number[] {
  const counts: number[] = [];
  for (const value of values) {
    const index = bucketOf(value);
    for (let i = counts.length; i <= index; i++) counts.push(0);
    counts[index]! += 1;
  }
  return counts;
}

/** percentile_cont, exactly. */
function percentileCont(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  return sorted[below]! + (position - below) * ((sorted[below + 1] ?? sorted[below]!) - sorted[below]!);
}

describe("histogramPercentile", () => {
  it("is null for an empty histogram", () => {
    expect(histogramPercentile([], 0.5)).toBeNull();
    expect(histogramPercentile([0, 0, 0], 0.9)).toBeNull();
  });

  it("reads durations of 0 s as 0", () => {
    expect(histogramPercentile([3], 0.5)).toBe(0);
    expect(histogramPercentile([3], 0.9)).toBe(0);
  });

  it("stays within 10% of percentile_cont (and within a second below one second: that bucket is a second wide)", () => {
    const durations = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.double({ min: 1, max: 30 * 86_400, noNaN: true })), {
      minLength: 1,
      maxLength: 300,
    });
    fc.assert(
      fc.property(durations, fc.constantFrom(0.5, 0.9), (values, p) => {
        const exact = percentileCont(values, p);
        const estimate = histogramPercentile(histogram(values), p)!;
        // Each of the two values percentile_cont interpolates between is read within its bucket: 10%, or the
        // second-wide bucket below one second; the interpolation weighs the two errors alike.
        const sorted = [...values].sort((a, b) => a - b);
        const position = p * (sorted.length - 1);
        const below = Math.floor(position);
        const tolerance = (value: number) => (value < 1 ? 1 : 0.1 * value);
        const allowed = (1 - (position - below)) * tolerance(sorted[below]!) + (position - below) * tolerance(sorted[below + 1] ?? sorted[below]!);
        expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(allowed + 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it("reads a bucket's values as spread over it on a log scale", () => {
    // Four values in the bucket [1.1^40, 1.1^41): ranks at 1/8, 3/8, 5/8, 7/8 of it.
    const counts = [...Array(42).fill(0), 4];
    const [lower, upper] = bucketBounds(42);
    expect(histogramPercentile(counts, 0)).toBeCloseTo(lower * (upper / lower) ** (1 / 8), 6);
    expect(histogramPercentile(counts, 1)).toBeCloseTo(lower * (upper / lower) ** (7 / 8), 6);
  });
});
