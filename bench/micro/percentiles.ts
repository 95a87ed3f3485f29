/** Percentile (0–100) of unsorted samples, nearest-rank. */
export function percentile(samples: readonly number[], rank: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((first, second) => first - second);
  const position = Math.min(sorted.length - 1, Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1));
  return sorted[position] as number;
}
