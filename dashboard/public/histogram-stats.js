// @ts-check
// Arithmetic on latency histograms (upper bound + count per bucket): bucketing raw latencies, and
// percentiles and shares under a target estimated the way Prometheus's histogram_quantile does, by
// assuming requests spread evenly inside a bucket.

/** @typedef {import('../dashboard-types.js').HistogramBucket} HistogramBucket */

/** Bucket bounds used when the feed sends latencies rather than a histogram. */
export const defaultBoundsMs = [100, 250, 500, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 7500, 10_000, Infinity];

/** Counts latencies into buckets with the given upper bounds (inclusive). */
export function bucketLatencies(/** @type {number[]} */ latenciesMs, boundsMs = defaultBoundsMs) {
  const buckets = boundsMs.map((upperMs) => ({ upperMs, count: 0 }));
  for (const ms of latenciesMs) {
    const bucket = buckets.find((candidate) => ms <= candidate.upperMs) ?? buckets[buckets.length - 1];
    if (bucket) bucket.count += 1;
  }
  return buckets;
}

/** Position (in bucket widths from the left) of `ms`, interpolated inside its bucket. */
export function bucketPosition(/** @type {HistogramBucket[]} */ buckets, /** @type {number} */ ms) {
  let lower = 0;
  for (const [index, bucket] of buckets.entries()) {
    if (ms <= bucket.upperMs) {
      const fraction = Number.isFinite(bucket.upperMs) && bucket.upperMs > lower ? (ms - lower) / (bucket.upperMs - lower) : 0;
      return index + fraction;
    }
    lower = bucket.upperMs;
  }
  return buckets.length;
}

/**
 * The `quantile` (0..1) of the latencies counted in `buckets`; undefined when they hold none. A
 * quantile that falls in the overflow bucket is reported as its lower bound (nothing better is known).
 * @returns {number | undefined}
 */
export function histogramQuantile(/** @type {HistogramBucket[]} */ buckets, /** @type {number} */ quantile) {
  const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  if (total === 0) return undefined;
  const rank = quantile * total;
  let below = 0;
  let lower = 0;
  for (const bucket of buckets) {
    if (bucket.count > 0 && below + bucket.count >= rank) {
      return Number.isFinite(bucket.upperMs) ? lower + (bucket.upperMs - lower) * ((rank - below) / bucket.count) : lower;
    }
    below += bucket.count;
    lower = bucket.upperMs;
  }
  return lower;
}

/**
 * Share of the latencies at or under `ms` (exact when `ms` is a bucket bound); undefined when empty.
 * @returns {number | undefined}
 */
export function shareAtOrUnder(/** @type {HistogramBucket[]} */ buckets, /** @type {number} */ ms) {
  const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  if (total === 0) return undefined;
  let under = 0;
  let lower = 0;
  for (const bucket of buckets) {
    if (ms >= bucket.upperMs) under += bucket.count;
    else {
      if (Number.isFinite(bucket.upperMs) && ms > lower) under += bucket.count * ((ms - lower) / (bucket.upperMs - lower));
      break;
    }
    lower = bucket.upperMs;
  }
  return under / total;
}
