import { describe, expect, it } from 'vitest';
import { DeploymentEstimates } from './deployment-estimates.js';
import { ExponentialAverage } from '../util/index.js';
import { HedgeBudget } from './hedge-budget.js';
import { SlidingWindowQuantile } from './sliding-window-quantile.js';

describe('live estimates', () => {
  it('an exponential average starts at its first sample and follows a change', () => {
    const average = new ExponentialAverage(0.2, 500);
    expect(average.value).toBe(500);
    average.add(100);
    expect(average.value).toBe(100);
    for (let index = 0; index < 40; index++) average.add(300);
    expect(average.value).toBeCloseTo(300, 0);
    expect(average.count).toBe(41);
  });

  it('a sliding window gives the nearest-rank quantile of its last samples only', () => {
    const window = new SlidingWindowQuantile(100);
    for (let value = 1; value <= 100; value++) window.add(value);
    expect(window.quantile(0.95)).toBe(95);
    expect(window.quantile(0.5)).toBe(50);
    for (let index = 0; index < 100; index++) window.add(1000 + index);
    expect(window.quantile(0.05)).toBe(1004);
    expect(window.size).toBe(100);
  });

  it('a deployment estimates duration from TTFT and measured throughput, and trusts the quantile only after enough samples', () => {
    const estimates = new DeploymentEstimates({ ttftMs: 400 });
    expect(estimates.estimateDurationMs(100)).toBe(400);
    expect(estimates.ttftQuantile(0.95, 5)).toBeUndefined();
    for (let index = 0; index < 5; index++) estimates.recordFirstToken(200);
    estimates.recordThroughput(100, 1000);
    expect(estimates.expectedTokensPerSecond).toBe(100);
    expect(estimates.estimateDurationMs(100)).toBeCloseTo(200 + 1000, 0);
    expect(estimates.ttftQuantile(0.95, 5)).toBe(200);
    estimates.recordNoFirstTokenBy(5000);
    expect(estimates.ttftQuantile(0.95, 5)).toBe(5000);
    expect(estimates.expectedTtftMs).toBe(200);
  });

  it('error rate and cool-down come from outcomes', () => {
    const estimates = new DeploymentEstimates();
    expect(estimates.estimateDurationMs(10)).toBeUndefined();
    estimates.recordOutcome(true);
    expect(estimates.errorRate).toBeGreaterThan(0);
    const now = Date.now();
    estimates.coolDownUntil(now + 1000);
    expect(estimates.isCoolingDown(now)).toBe(true);
    expect(estimates.isCoolingDown(now + 1001)).toBe(false);
  });

  it('the hedge budget never lets hedges exceed maxRate × calls + burst', () => {
    const budget = new HedgeBudget({ maxRate: 0.05, burst: 2 });
    let hedges = 0;
    for (let call = 0; call < 1000; call++) {
      budget.recordCall();
      if (budget.tryTake()) hedges++;
    }
    expect(hedges).toBeLessThanOrEqual(0.05 * 1000 + 2);
    expect(hedges).toBeGreaterThanOrEqual(0.05 * 1000 - 1);
  });
});
