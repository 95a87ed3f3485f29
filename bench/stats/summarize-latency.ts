import { percentileOfSorted } from './percentile.js';

/** Mean and tail of a set of latencies; every field is null when there is no sample. */
export interface LatencySummary {
  mean: number | null;
  p50: number | null;
  p80: number | null;
  p95: number | null;
  p99: number | null;
}

export function summarizeLatency(values: readonly number[]): LatencySummary {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  const at = (p: number) => percentileOfSorted(sorted, p) ?? null;
  return {
    mean: sorted.length === 0 ? null : sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    p50: at(0.5),
    p80: at(0.8),
    p95: at(0.95),
    p99: at(0.99),
  };
}

/** Share of `values` strictly below `limit`, out of `total` (so requests without a value count as over). */
export function shareBelow(values: readonly number[], limit: number, total = values.length): number {
  if (total === 0) return 0;
  return values.filter((value) => value < limit).length / total;
}

/** a / b, or null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
  return a / b;
}
