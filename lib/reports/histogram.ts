// Duration histograms as the report tallies keep them (SQL report_bucket, migration 20261205090000_report_tallies):
// bucket 1 holds 0 s, bucket 2 (0 s, 1 s), bucket i ≥ 3 holds [1.1^(i-3), 1.1^(i-2)) seconds, up to bucket 201. Arrays
// are 0-based here: counts[i - 1] is bucket i. A percentile read from them lands within its bucket, so within 10% of
// the exact figure and usually far closer: the values in a bucket are taken as spread evenly over it on a log scale.

/** Bucket i's lower and upper bounds, in seconds (0-based index). */
export function bucketBounds(index: number): [number, number] {
  return index === 0 ? [0, 0] : index === 1 ? [0, 1] : [1.1 ** (index - 2), 1.1 ** (index - 1)];
}

/** The value of rank `rank` (0-based, in ascending order): within its bucket, at its share of the bucket's values. */
function valueAt(counts: readonly number[], rank: number): number {
  let before = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    if (rank < before + count) {
      const [lower, upper] = bucketBounds(i);
      const share = (rank - before + 0.5) / count;
      return i <= 1 ? lower + share * (upper - lower) : lower * (upper / lower) ** share;
    }
    before += count;
  }
  return bucketBounds(counts.length - 1)[1];
}

/** The p-th percentile (0–1) as percentile_cont interpolates it, from a histogram; null when it counts nothing. */
export function histogramPercentile(counts: readonly number[], p: number): number | null {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total <= 0) return null;
  const position = p * (total - 1);
  const below = Math.floor(position);
  const low = valueAt(counts, below);
  return position === below ? low : low + (position - below) * (valueAt(counts, below + 1) - low);
}
