import { describe, expect, it } from 'vitest';
import { measure, renderRouterDecisionLatency, runRouterDecisionLatency } from './decision-latency.js';
import type { RouterBenchApi, RouterBenchRouter } from './public-api.js';

describe('router decision micro-benchmark', () => {
  it('measures quantiles of the timed calls', () => {
    let iteration = 0;
    const stats = measure(100, 0, () => {
      const until = process.hrtime.bigint() + BigInt(iteration++ === 99 ? 2_000_000 : 0);
      while (process.hrtime.bigint() < until);
    });
    expect(stats.calls).toBe(100);
    expect(stats.maxMicroseconds).toBeGreaterThanOrEqual(2_000);
    expect(stats.p50Microseconds).toBeLessThan(stats.maxMicroseconds);
  });

  it('asks the router for decisions with and without an embedding of the classifier size', () => {
    const seen: Array<{ embedding: number | undefined; deadline: number | undefined }> = [];
    const api: Partial<RouterBenchApi> = {
      createComplexityClassifier: () => ({ tiers: ['simple', 'complex'], dimensions: 16, classify: () => ({ tier: 'simple' }), learnFromOutcome: () => undefined }),
      createRouter: () =>
        ({
          decide(input) {
            seen.push({ embedding: input.embedding?.length, deadline: input.deadline });
            return { tier: 'fast', deployment: 'primary/fast', source: 'heuristic' };
          },
        }) as RouterBenchRouter,
    };
    const result = runRouterDecisionLatency({ iterations: 10, warmup: 0, api });
    expect(seen).toHaveLength(30);
    expect(seen.filter((call) => call.embedding === 16)).toHaveLength(20);
    expect(seen.every((call) => typeof call.deadline === 'number')).toBe(true);
    expect(renderRouterDecisionLatency(result)).toContain('| classifier, short request | 10 |');
  });

  it('says which export is missing', () => {
    expect(() => runRouterDecisionLatency({ iterations: 1, api: { createComplexityClassifier: undefined as never, createRouter: undefined as never } })).toThrow(/does not export/);
  });
});
