// Percentiles by linear interpolation between closest ranks (Hyndman & Fan type 7, the default of
// NumPy, R and spreadsheets): p of n sorted values sits at rank (n - 1) * p.

export const percentileMethod = 'linear interpolation between closest ranks (Hyndman-Fan type 7): rank (n - 1) * p';

/** The p-quantile (p in [0, 1]) of values already sorted ascending; undefined when empty. */
export function percentileOfSorted(sorted: readonly number[], p: number): number | undefined {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be in [0, 1], got ${p}`);
  if (sorted.length === 0) return undefined;
  const rank = (sorted.length - 1) * p;
  const lower = Math.floor(rank);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const low = sorted[lower] as number;
  return low + (rank - lower) * ((sorted[upper] as number) - low);
}

export function percentile(values: readonly number[], p: number): number | undefined {
  return percentileOfSorted([...values].sort((a, b) => a - b), p);
}
