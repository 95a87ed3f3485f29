// Reference routers for the same outcomes: random routing (what a router must beat; in expectation its
// curve is the straight line from the weak to the strong model) and the oracle (sends to the strong
// model exactly the rows where it does better: the best any router could do).

import type { RoutingSummary, ScoredOutcome } from './routing-curve.js';
import { modelQualities, routingCurve, summarizeRouting } from './routing-curve.js';
import { createSeededRandom } from './seeded-random.js';

type Outcome = Omit<ScoredOutcome, 'score'>;

/** Mean of the summaries of `repeats` random routers (metrics that are never reached count as 1). */
export function randomRoutingSummary(outcomes: readonly Outcome[], options: { repeats?: number; seed?: number } = {}): RoutingSummary {
  const repeats = options.repeats ?? 50;
  const random = createSeededRandom(options.seed ?? 1);
  const qualities = modelQualities(outcomes.map((outcome) => ({ ...outcome, score: 0 })));
  const summaries = Array.from({ length: repeats }, () =>
    summarizeRouting(routingCurve(outcomes.map((outcome) => ({ ...outcome, score: random() }))), qualities),
  );
  const mean = (pick: (summary: RoutingSummary) => number | undefined) => summaries.reduce((sum, summary) => sum + (pick(summary) ?? 1), 0) / repeats;
  return {
    apgr: mean((summary) => summary.apgr),
    cpt50: mean((summary) => summary.cpt50),
    cpt80: mean((summary) => summary.cpt80),
    strongShareFor95PercentOfStrong: mean((summary) => summary.strongShareFor95PercentOfStrong),
    qualityByDecile: Array.from({ length: 11 }, (_, decile) => mean((summary) => summary.qualityByDecile[decile])),
  };
}

export function oracleScores(outcomes: readonly Outcome[]): ScoredOutcome[] {
  return outcomes.map((outcome) => ({ ...outcome, score: outcome.strongQuality - outcome.weakQuality }));
}
