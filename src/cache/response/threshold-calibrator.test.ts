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
