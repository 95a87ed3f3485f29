import { describe, expect, it } from 'vitest';
import { createThresholdCalibrator } from './threshold-calibrator.js';
import { normalQuantile, wilsonLower, wilsonUpper } from './wilson-bounds.js';

/** Observations whose error rate falls with similarity: wrong below `cleanFrom`, right above. */
function feed(calibrator: ReturnType<typeof createThresholdCalibrator>, options: { cluster: string; count: number; cleanFrom: number; low?: number }) {
  const low = options.low ?? 0.6;
  for (let index = 0; index < options.count; index++) {
    const similarity = low + ((1 - low) * index) / options.count;
    calibrator.observe({ cluster: options.cluster, similarity, correct: similarity >= options.cleanFrom });
  }
}

describe('wilson bounds', () => {
  it('bounds zero errors honestly and agrees with the normal quantile', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.96, 2);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2816, 3);
    expect(wilsonUpper(0, 10, 1.96)).toBeGreaterThan(0.2);
    expect(wilsonUpper(0, 1000, 1.96)).toBeLessThan(0.005);
    expect(wilsonLower(5, 10, 1.96)).toBeGreaterThan(0.2);
    expect(wilsonLower(0, 10, 1.96)).toBe(0);
  });
});

describe('createThresholdCalibrator', () => {
  it('serves nothing before observations certify a threshold', () => {
    const calibrator = createThresholdCalibrator();
    expect(calibrator.threshold('status')).toBe(Number.POSITIVE_INFINITY);
    expect(calibrator.decision('status').source).toBe('none');
    expect(createThresholdCalibrator({ priorThreshold: 0.95 }).decision('x')).toMatchObject({ threshold: 0.95, source: 'prior' });
  });

  it('picks the lowest threshold whose upper bound stays under the bound', () => {
    const calibrator = createThresholdCalibrator({ maxFalseHitRate: 0.02 });
    feed(calibrator, { cluster: 'a', count: 4000, cleanFrom: 0.8 });
    const threshold = calibrator.threshold('a');
    expect(threshold).toBeGreaterThanOrEqual(0.79);
    expect(threshold).toBeLessThan(0.85);
    const atThreshold = calibrator.curve('a').find((point) => point.threshold === threshold)!;
    expect(atThreshold.upperBound).toBeLessThanOrEqual(0.02);
  });

  it('lets a cluster with its own certificate go lower than the shared threshold', () => {
    const calibrator = createThresholdCalibrator({ maxFalseHitRate: 0.02 });
    feed(calibrator, { cluster: 'strict', count: 3000, cleanFrom: 0.92 });
    feed(calibrator, { cluster: 'easy', count: 3000, cleanFrom: 0.7 });
    expect(calibrator.decision('easy').source).toBe('cluster');
    expect(calibrator.threshold('easy')).toBeLessThan(0.75);
    expect(calibrator.threshold('strict')).toBeGreaterThanOrEqual(0.915);
  });

  it('does not let a good average hide a bad band at the bottom', () => {
    const calibrator = createThresholdCalibrator({ maxFalseHitRate: 0.02 });
    for (let index = 0; index < 4000; index++) calibrator.observe({ cluster: 'a', similarity: 0.9 + (index % 100) / 1000, correct: true });
    // One wrong and two right observations at each similarity from 0.800 to 0.819.
    for (let index = 0; index < 60; index++) calibrator.observe({ cluster: 'a', similarity: 0.8 + (index % 20) / 1000, correct: index >= 20 });
    // On average 20 errors in 4,060 hits: fine. But the hits between 0.80 and 0.82 are a third wrong.
    expect(calibrator.threshold()).toBeGreaterThanOrEqual(0.82);
    expect(calibrator.threshold()).toBeLessThanOrEqual(0.9);
  });

  it('keeps a small cluster with a clean record at the shared threshold: too little evidence to go lower', () => {
    const calibrator = createThresholdCalibrator({ maxFalseHitRate: 0.05 });
    feed(calibrator, { cluster: 'common', count: 4000, cleanFrom: 0.8 });
    for (let index = 0; index < 30; index++) calibrator.observe({ cluster: 'small', similarity: 0.6 + index / 300, correct: true });
    expect(calibrator.decision('small').source).toBe('global');
    expect(calibrator.threshold('small')).toBe(calibrator.threshold());
  });

  it('raises a cluster whose few observations do worse than the bound', () => {
    const calibrator = createThresholdCalibrator({ maxFalseHitRate: 0.02 });
    feed(calibrator, { cluster: 'common', count: 4000, cleanFrom: 0.8 });
    const shared = calibrator.threshold('rare');
    expect(calibrator.decision('rare').source).toBe('global');
    for (const similarity of [0.85, 0.86, 0.87]) calibrator.observe({ cluster: 'rare', similarity, correct: false });
    expect(calibrator.decision('rare').source).toBe('raised');
    expect(calibrator.threshold('rare')).toBeGreaterThan(0.87);
    expect(calibrator.threshold('rare')).toBeGreaterThan(shared);
  });

  it('restores from a snapshot with the same thresholds', () => {
    const calibrator = createThresholdCalibrator({ maxFalseHitRate: 0.02 });
    feed(calibrator, { cluster: 'a', count: 3000, cleanFrom: 0.85 });
    const copy = createThresholdCalibrator({ maxFalseHitRate: 0.02 });
    copy.restore(JSON.parse(JSON.stringify(calibrator.snapshot())));
    expect(copy.threshold('a')).toBe(calibrator.threshold('a'));
    expect(() => createThresholdCalibrator({ resolution: 0.01 }).restore(calibrator.snapshot())).toThrow(/another/);
  });

  it('validates its options by name', () => {
    expect(() => createThresholdCalibrator({ maxFalseHitRate: 0 })).toThrow(/"maxFalseHitRate"/);
    expect(() => createThresholdCalibrator({ confidence: 1.2 })).toThrow(/"confidence"/);
    expect(() => createThresholdCalibrator({ priorThreshold: 0.1 })).toThrow(/"priorThreshold"/);
  });
});
