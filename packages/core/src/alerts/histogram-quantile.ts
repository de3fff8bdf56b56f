/** One cumulative histogram bucket: observations at or below `le`. */
export interface Bucket {
  readonly le: number;
  readonly count: number;
}

/**
 * Estimates a quantile from cumulative buckets the way PromQL's `histogram_quantile()` does
 * (Prometheus 2.x): linear interpolation inside the bucket that contains the rank, the lower edge of
 * the first bucket taken as 0, and the highest finite edge returned when the rank is in `+Inf`.
 * Returns null where PromQL returns NaN or no sample (no observations, no `+Inf` bucket), and for
 * arguments that are not a number and an array of buckets.
 */
export function histogramQuantile(quantile: number, buckets: readonly Bucket[]): number | null {
  if (typeof quantile !== 'number' || !Array.isArray(buckets)) return null;
  try {
    return quantileOf(quantile, buckets);
  } catch {
    // A bucket whose fields cannot be read or compared, such as one with a BigInt count.
    return null;
  }
}

function quantileOf(quantile: number, buckets: readonly Bucket[]): number | null {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const last = sorted[sorted.length - 1];
  if (sorted.length < 2 || !last || last.le !== Number.POSITIVE_INFINITY) return null;
  if (quantile < 0) return Number.NEGATIVE_INFINITY;
  if (quantile > 1) return Number.POSITIVE_INFINITY;
  // Counts can dip between buckets after a scrape race; PromQL forces them monotonic.
  let max = 0;
  const counts = sorted.map((bucket) => {
    max = Math.max(max, bucket.count);
    return max;
  });
  const total = counts[counts.length - 1] as number;
  if (!(total > 0)) return null;
  const rank = quantile * total;
  const index = counts.findIndex((count) => count >= rank);
  if (index === sorted.length - 1) return (sorted[sorted.length - 2] as Bucket).le;
  const upper = (sorted[index] as Bucket).le;
  if (index === 0 && upper <= 0) return upper;
  const lower = index === 0 ? 0 : (sorted[index - 1] as Bucket).le;
  const below = index === 0 ? 0 : (counts[index - 1] as number);
  const inBucket = (counts[index] as number) - below;
  return lower + (upper - lower) * ((rank - below) / inBucket);
}
