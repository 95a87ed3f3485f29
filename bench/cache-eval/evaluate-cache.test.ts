import { describe, expect, it } from 'vitest';
import { evaluateCache, type EvalEntry } from './evaluate-cache.js';
import type { CacheEvalApi, EvalCalibrator } from './public-api.js';

/** A toy cache: nearest entry by dot product, served at or above the calibrator's threshold. */
function fakeApi(): Pick<CacheEvalApi, 'createResponseCache' | 'createThresholdCalibrator' | 'createSemanticIndex'> {
  const dot = (left: Float32Array, right: Float32Array) => left.reduce((sum, value, index) => sum + value * right[index]!, 0);
  return {
    createThresholdCalibrator: (): EvalCalibrator => {
      const seen: Array<{ cluster: string; similarity: number; correct: boolean }> = [];
      // Lowest similarity above every wrong observation.
      const threshold = () => Math.max(0.5, ...seen.filter((observation) => !observation.correct).map((observation) => observation.similarity + 0.001));
      return {
        observe: (observation) => void seen.push(observation),
        threshold,
        decision: () => ({ threshold: threshold(), source: 'global' }),
        clusters: () => [...new Set(seen.map((observation) => observation.cluster))],
        snapshot: () => seen,
      };
    },
    createSemanticIndex: () => {
      const rows: Array<{ id: number; vector: Float32Array }> = [];
      return {
        add: (id, _group, vector) => void rows.push({ id, vector }),
        nearest: (_groups, vector, limit) => rows.map((row) => ({ id: row.id, similarity: dot(row.vector, vector) })).sort((a, b) => b.similarity - a.similarity).slice(0, limit),
      };
    },
    createResponseCache: ({ calibrator }) => {
      const entries: Array<{ text: string; answer: string; cluster: string; vector: Float32Array }> = [];
      return {
        seed: async (entry) => {
          entries.push({ text: entry.text, answer: entry.answer, cluster: entry.cluster, vector: entry.embedding });
          return entry.text;
        },
        begin: ({ text }) => {
          const lookup = {
            bypass: /^reset/i.test(text) ? 'command' : undefined,
            candidate: undefined as { similarity: number; threshold: number; entry: { answer: string; cluster: string } } | undefined,
            semantic(vector: Float32Array) {
              if (lookup.bypass) return undefined;
              const best = entries.map((entry) => ({ entry, similarity: dot(entry.vector, vector) })).sort((a, b) => b.similarity - a.similarity)[0];
              if (!best) return undefined;
              const threshold = calibrator.threshold(best.entry.cluster);
              lookup.candidate = { similarity: best.similarity, threshold, entry: best.entry };
              return best.similarity >= threshold ? best.entry : undefined;
            },
          };
          return lookup;
        },
        close: async () => undefined,
      };
    },
  };
}

const unit = (angle: number) => new Float32Array([Math.cos(angle), Math.sin(angle)]);

describe('evaluateCache', () => {
  it('calibrates on one split and measures another, against fixed-threshold baselines', async () => {
    const entries: EvalEntry[] = [
      { text: 'balance', vector: unit(0), label: 'balance', cluster: 'balance' },
      { text: 'card', vector: unit(1), label: 'card', cluster: 'card' },
    ];
    const result = await evaluateCache({
      name: 'toy',
      api: fakeApi(),
      entries,
      // A query at cosine 0.98 of "balance" that is about something else teaches a threshold above it.
      calibration: [
        { text: 'q1', vector: unit(0.2), label: 'other' },
        { text: 'q2', vector: unit(0.05), label: 'balance' },
      ],
      test: [
        { text: 't1', vector: unit(0.01), label: 'balance' },
        { text: 't2', vector: unit(0.15), label: 'balance' },
        { text: 't3', vector: unit(0.3), label: undefined },
        { text: 'reset it', vector: unit(0), label: 'balance' },
      ],
      maxFalseHitRates: [0.01],
      fixedThresholds: [0.9],
    });
    expect(result.servedAsReplayed).toBe(true);
    const byName = Object.fromEntries(result.methods.map((method) => [method.method, method]));
    expect(byName['plain cosine ≥ 0.9']).toMatchObject({ served: 4, falseHits: 1 });
    expect(byName['hotpath gates, fixed 0.9']).toMatchObject({ served: 3, falseHits: 1 });
    expect(byName['hotpath calibrated, per pattern, δ=0.01']).toMatchObject({ served: 2, falseHits: 0, mustMissServed: 0 });
    expect(result.bypassedShare).toBe(0.25);
    expect(result.mustMissQueries).toBe(1);
    expect(result.calibration[0]).toMatchObject({ observations: 2, clusters: 1 });
  });
});
