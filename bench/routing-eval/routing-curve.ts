// How a router trades strong-model calls for quality, measured the way RouteLLM reports it. Rows are sent
// to the strong model in decreasing order of the router's score; every cut gives one point (share of
// strong calls, average quality). On that curve:
// - PGR (performance gap recovered) = (quality - weak) / (strong - weak);
// - CPT(x) = the smallest share of strong calls whose quality reaches PGR x (RouteLLM's call-performance
//   threshold, reported at 50% and 80%);
// - APGR = area under the PGR curve over strong-call shares 0..1 (RouteLLM's average PGR; 0.5 = random);
// - and the share of strong calls needed to reach 95% of the strong model's own quality.

export interface ScoredOutcome {
  /** Router's score: higher = more in need of the strong model. */
  score: number;
  weakQuality: number;
  strongQuality: number;
}

export interface CurvePoint {
  strongShare: number;
  quality: number;
}

/** The full-resolution curve, from 0% to 100% strong calls; rows with equal scores move together. */
export function routingCurve(outcomes: readonly ScoredOutcome[]): CurvePoint[] {
  const count = outcomes.length;
  if (count === 0) return [];
  const sorted = [...outcomes].sort((first, second) => second.score - first.score);
  let total = outcomes.reduce((sum, outcome) => sum + outcome.weakQuality, 0);
  const points: CurvePoint[] = [{ strongShare: 0, quality: total / count }];
  for (let index = 0; index < count; index++) {
    const outcome = sorted[index] as ScoredOutcome;
    total += outcome.strongQuality - outcome.weakQuality;
    const next = sorted[index + 1];
    if (next === undefined || next.score !== outcome.score) points.push({ strongShare: (index + 1) / count, quality: total / count });
  }
  return points;
}

/** Smallest share of strong calls at which the curve first reaches `target` (linear between points). */
export function strongShareToReach(curve: readonly CurvePoint[], target: number): number | undefined {
  const first = curve[0];
  if (first === undefined) return undefined;
  if (first.quality >= target) return first.strongShare;
  for (let index = 1; index < curve.length; index++) {
    const point = curve[index] as CurvePoint;
    if (point.quality >= target) {
      const previous = curve[index - 1] as CurvePoint;
      const fraction = (target - previous.quality) / (point.quality - previous.quality);
      return previous.strongShare + fraction * (point.strongShare - previous.strongShare);
    }
  }
  return undefined;
}

export interface ModelQualities {
  weak: number;
  strong: number;
}

/** CPT(pgr): strong-call share needed to recover `pgr` of the gap between the weak and the strong model. */
export function callPerformanceThreshold(curve: readonly CurvePoint[], qualities: ModelQualities, pgr: number): number | undefined {
  return strongShareToReach(curve, qualities.weak + pgr * (qualities.strong - qualities.weak));
}

/** APGR: trapezoidal area under the quality curve, as a share of the gap between the two models. */
export function averagePerformanceGapRecovered(curve: readonly CurvePoint[], qualities: ModelQualities): number {
  let area = 0;
  for (let index = 1; index < curve.length; index++) {
    const previous = curve[index - 1] as CurvePoint;
    const point = curve[index] as CurvePoint;
    area += ((point.strongShare - previous.strongShare) * (point.quality + previous.quality)) / 2;
  }
  const span = (curve.at(-1)?.strongShare ?? 0) - (curve[0]?.strongShare ?? 0);
  return (area - qualities.weak * span) / ((qualities.strong - qualities.weak) * span);
}

/** Quality at a given share of strong calls (linear between points). */
export function qualityAtShare(curve: readonly CurvePoint[], share: number): number {
  for (let index = 1; index < curve.length; index++) {
    const point = curve[index] as CurvePoint;
    if (point.strongShare >= share) {
      const previous = curve[index - 1] as CurvePoint;
      const fraction = point.strongShare === previous.strongShare ? 1 : (share - previous.strongShare) / (point.strongShare - previous.strongShare);
      return previous.quality + fraction * (point.quality - previous.quality);
    }
  }
  return curve.at(-1)?.quality ?? Number.NaN;
}

export function modelQualities(outcomes: readonly ScoredOutcome[]): ModelQualities {
  const count = Math.max(outcomes.length, 1);
  return {
    weak: outcomes.reduce((sum, outcome) => sum + outcome.weakQuality, 0) / count,
    strong: outcomes.reduce((sum, outcome) => sum + outcome.strongQuality, 0) / count,
  };
}

export interface RoutingSummary {
  apgr: number;
  /** CPT(50%) and CPT(80%) as strong-call shares (undefined when never reached). */
  cpt50: number | undefined;
  cpt80: number | undefined;
  /** Strong-call share needed to reach 95% of the strong model's quality. */
  strongShareFor95PercentOfStrong: number | undefined;
  /** Quality at 0%, 10%, …, 100% strong calls. */
  qualityByDecile: number[];
}

export function summarizeRouting(curve: readonly CurvePoint[], qualities: ModelQualities): RoutingSummary {
  return {
    apgr: averagePerformanceGapRecovered(curve, qualities),
    cpt50: callPerformanceThreshold(curve, qualities, 0.5),
    cpt80: callPerformanceThreshold(curve, qualities, 0.8),
    strongShareFor95PercentOfStrong: strongShareToReach(curve, 0.95 * qualities.strong),
    qualityByDecile: Array.from({ length: 11 }, (_, decile) => qualityAtShare(curve, decile / 10)),
  };
}
