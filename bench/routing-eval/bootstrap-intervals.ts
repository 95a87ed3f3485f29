// Percentile bootstrap over questions: how much the headline metrics would move on another sample of
// questions of the same kind (72 MT-Bench questions move them a lot; 14,000 MMLU questions hardly).

import type { ScoredOutcome } from './routing-curve.js';
import { modelQualities, routingCurve, summarizeRouting } from './routing-curve.js';
import { createSeededRandom } from './seeded-random.js';

export interface BootstrapIntervals {
  resamples: number;
  /** 2.5th and 97.5th percentiles. */
  apgr: [number, number];
  /** Never reaching the target counts as 100% strong calls. */
  strongShareFor95PercentOfStrong: [number, number];
}

export function bootstrapIntervals(outcomes: readonly ScoredOutcome[], options: { resamples?: number; seed?: number } = {}): BootstrapIntervals {
  const resamples = options.resamples ?? 200;
  const random = createSeededRandom(options.seed ?? 11);
  const apgr: number[] = [];
  const share: number[] = [];
  for (let resample = 0; resample < resamples; resample++) {
    const drawn = Array.from({ length: outcomes.length }, () => outcomes[Math.floor(random() * outcomes.length)] as ScoredOutcome);
    const qualities = modelQualities(drawn);
    if (qualities.strong === qualities.weak) continue;
    const summary = summarizeRouting(routingCurve(drawn), qualities);
    apgr.push(summary.apgr);
    share.push(summary.strongShareFor95PercentOfStrong ?? 1);
  }
  const interval = (values: number[]): [number, number] => {
    const sorted = values.sort((first, second) => first - second);
    const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(quantile * (sorted.length - 1))))] as number;
    return [at(0.025), at(0.975)];
  };
  return { resamples: apgr.length, apgr: interval(apgr), strongShareFor95PercentOfStrong: interval(share) };
}
