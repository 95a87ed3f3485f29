import { describe, expect, it } from 'vitest';
import { oracleScores, randomRoutingSummary } from './baseline-routers.js';
import { bootstrapIntervals } from './bootstrap-intervals.js';
import {
  averagePerformanceGapRecovered,
  callPerformanceThreshold,
  modelQualities,
  qualityAtShare,
  routingCurve,
  strongShareToReach,
  summarizeRouting,
} from './routing-curve.js';
import { createSeededRandom } from './seeded-random.js';

// Four questions: the weak model gets B and D right, the strong one A, B and C.
const outcomes = [
  { score: 0.9, weakQuality: 0, strongQuality: 1 }, // A
  { score: 0.7, weakQuality: 1, strongQuality: 1 }, // B
  { score: 0.5, weakQuality: 0, strongQuality: 1 }, // C
  { score: 0.1, weakQuality: 1, strongQuality: 0 }, // D
];

describe('routing curve and RouteLLM metrics on a hand-made example', () => {
  const curve = routingCurve(outcomes);
  const qualities = modelQualities(outcomes);

  it('builds the curve by sending the highest scores to the strong model first', () => {
    expect(qualities).toEqual({ weak: 0.5, strong: 0.75 });
    expect(curve).toEqual([
      { strongShare: 0, quality: 0.5 },
      { strongShare: 0.25, quality: 0.75 },
      { strongShare: 0.5, quality: 0.75 },
      { strongShare: 0.75, quality: 1 },
      { strongShare: 1, quality: 0.75 },
    ]);
  });

  it('computes CPT(50%), CPT(80%) and the share for 95% of the strong model by interpolation', () => {
    // PGR 50% = 0.625, reached a half of the way from 0 to 25% strong calls.
    expect(callPerformanceThreshold(curve, qualities, 0.5)).toBeCloseTo(0.125, 12);
    expect(callPerformanceThreshold(curve, qualities, 0.8)).toBeCloseTo(0.2, 12);
    expect(strongShareToReach(curve, 0.95 * 0.75)).toBeCloseTo(0.2125, 12);
    expect(strongShareToReach(curve, 1.01)).toBeUndefined();
    expect(strongShareToReach(curve, 0.4)).toBe(0);
  });

  it('computes APGR as the area under the curve relative to the gap', () => {
    // Trapezoids: 0.15625 + 0.1875 + 0.21875 + 0.21875 = 0.78125.
    expect(averagePerformanceGapRecovered(curve, qualities)).toBeCloseTo((0.78125 - 0.5) / 0.25, 12);
    const summary = summarizeRouting(curve, qualities);
    expect(summary.qualityByDecile[0]).toBe(0.5);
    expect(summary.qualityByDecile[10]).toBe(0.75);
    expect(summary.qualityByDecile[1]).toBeCloseTo(0.6, 12);
  });

  it('moves tied scores together', () => {
    const tied = routingCurve(outcomes.map((outcome) => (outcome.score === 0.5 ? { ...outcome, score: 0.7 } : outcome)));
    expect(tied.map((point) => point.strongShare)).toEqual([0, 0.25, 0.75, 1]);
    expect(qualityAtShare(tied, 0.5)).toBeCloseTo(0.875, 12);
  });
});

describe('baseline routers', () => {
  const random = createSeededRandom(5);
  const many = Array.from({ length: 4_000 }, () => {
    const strongQuality = random() < 0.8 ? 1 : 0;
    const weakQuality = random() < (strongQuality === 1 ? 0.75 : 0.3) ? 1 : 0;
    return { weakQuality, strongQuality };
  });

  it('random routing recovers the gap in proportion to its strong calls', () => {
    const summary = randomRoutingSummary(many, { repeats: 20, seed: 3 });
    expect(summary.apgr).toBeGreaterThan(0.45);
    expect(summary.apgr).toBeLessThan(0.55);
    expect(summary.cpt50).toBeGreaterThan(0.4);
    expect(summary.cpt50).toBeLessThan(0.6);
  });

  it('the oracle gains one right answer per strong call until the strong model is matched', () => {
    const scored = oracleScores(many);
    const qualities = modelQualities(scored);
    const summary = summarizeRouting(routingCurve(scored), qualities);
    // Each strong call goes to a question only the strong model gets right, so quality rises 1:1 with share.
    expect(callPerformanceThreshold(routingCurve(scored), qualities, 1)).toBeCloseTo(qualities.strong - qualities.weak, 9);
    expect(summary.apgr).toBeGreaterThan(0.8);
  });
});

describe('bootstrapIntervals', () => {
  it('brackets the full-sample metric and narrows with more questions', () => {
    const random = createSeededRandom(8);
    const make = (count: number) =>
      Array.from({ length: count }, () => {
        const hard = random() < 0.3;
        return { score: (hard ? 0.6 : 0.4) + random() * 0.3, weakQuality: hard && random() < 0.8 ? 0 : 1, strongQuality: random() < 0.9 ? 1 : 0 };
      });
    const small = bootstrapIntervals(make(80), { resamples: 100, seed: 1 });
    const large = make(4_000);
    const largeIntervals = bootstrapIntervals(large, { resamples: 100, seed: 1 });
    const full = summarizeRouting(routingCurve(large), modelQualities(large)).apgr;
    expect(largeIntervals.apgr[0]).toBeLessThanOrEqual(full);
    expect(largeIntervals.apgr[1]).toBeGreaterThanOrEqual(full);
    expect(largeIntervals.apgr[1] - largeIntervals.apgr[0]).toBeLessThan(small.apgr[1] - small.apgr[0]);
  });
});
