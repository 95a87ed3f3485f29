import { describe, expect, it } from 'vitest';
import { calibrated, gatedAt, plainAt, summarizeDecisions, thresholdSweep, type QueryRecord } from './summarize-cache-eval.js';

const records: QueryRecord[] = [
  { shouldHit: true, gated: { similarity: 0.95, cluster: 'a', correct: true }, plain: { similarity: 0.95, correct: true } },
  { shouldHit: true, gated: { similarity: 0.85, cluster: 'b', correct: true }, plain: { similarity: 0.9, correct: false } },
  { shouldHit: false, plain: { similarity: 0.88, correct: false } },
  { shouldHit: true, bypass: 'command', plain: { similarity: 0.99, correct: true } },
];

describe('summarizeDecisions', () => {
  it('counts hits, recall, false hits and must-miss answers', () => {
    const plain = summarizeDecisions('plain', records, plainAt(0.85));
    expect(plain).toMatchObject({ served: 4, falseHits: 2, hitRate: 1, falseHitShare: 0.5, mustMissServed: 1 });
    expect(plain.recall).toBeCloseTo(2 / 3);
    expect(plain.falseHitsPerThousand).toBe(500);
    const gated = summarizeDecisions('gated', records, gatedAt(0.85));
    expect(gated).toMatchObject({ served: 2, falseHits: 0, falseHitShare: 0, mustMissServed: 0 });
    expect(gated.recall).toBeCloseTo(2 / 3);
  });

  it('applies per-cluster thresholds', () => {
    const summary = summarizeDecisions('calibrated', records, calibrated((cluster) => (cluster === 'a' ? 0.9 : 0.99)));
    expect(summary.served).toBe(1);
  });

  it('sweeps thresholds for both candidates', () => {
    const [low, high] = thresholdSweep(records, [0.8, 0.96]);
    expect(low!.plain.hitRate).toBe(1);
    expect(high!.plain.hitRate).toBe(0.25);
    expect(high!.gated.hitRate).toBe(0);
  });
});
