import { describe, expect, it } from 'vitest';
import { parseSimulatorConfig } from '../config/index.js';
import { AttemptCounter, drawInjectedFailure } from './injected-failure.js';
import { retryAfterHeaders } from './llm-call.js';

const config = parseSimulatorConfig({
  models: { flaky: { tier: 'fast', ttftMs: { p50: 100, p95: 200 }, msPerOutputToken: { p50: 5, p95: 8 }, rateLimitRate: 0.2, errorRate: 0.1, retryAfterMs: 1500 } },
  providers: [{ name: 'east', models: ['flaky'] }, { name: 'west', models: ['flaky'] }],
});

describe('injected failures', () => {
  it('hit about the configured shares, deterministically, and draw again on each attempt', () => {
    let rateLimited = 0;
    let failed = 0;
    let retrySucceeds = 0;
    for (let index = 0; index < 4000; index++) {
      const request = { config, key: `k${index}`, model: 'flaky', turn: 0, provider: 'east', attempt: 0 };
      const failure = drawInjectedFailure(request);
      expect(drawInjectedFailure(request)).toEqual(failure);
      if (failure?.kind === 'rate-limit') {
        rateLimited++;
        expect(failure.retryAfterMs).toBe(1500);
        if (drawInjectedFailure({ ...request, attempt: 1 }) === undefined) retrySucceeds++;
      }
      if (failure?.kind === 'server-error') failed++;
    }
    expect(rateLimited / 4000).toBeGreaterThan(0.17);
    expect(rateLimited / 4000).toBeLessThan(0.23);
    // Server errors are drawn among the calls that were not rate limited: 0.8 × 0.1.
    expect(failed / 4000).toBeGreaterThan(0.06);
    expect(failed / 4000).toBeLessThan(0.1);
    expect(retrySucceeds / rateLimited).toBeGreaterThan(0.6);
  });

  it('counts attempts per namespace, key, model and turn', () => {
    const attempts = new AttemptCounter();
    const call = { namespace: 'a', key: 'k', model: 'flaky', turn: 0 };
    expect([attempts.next(call), attempts.next(call), attempts.next({ ...call, namespace: 'b' }), attempts.next({ ...call, turn: 1 })]).toEqual([0, 1, 0, 0]);
  });

  it('sends Retry-After in whole seconds (at least 1) and retry-after-ms in wall ms', () => {
    expect(retryAfterHeaders(1000 * 0.07)).toEqual({ 'retry-after': '1', 'retry-after-ms': '70' });
    expect(retryAfterHeaders(2500)).toEqual({ 'retry-after': '3', 'retry-after-ms': '2500' });
    expect(retryAfterHeaders(0)).toEqual({ 'retry-after': '1', 'retry-after-ms': '1' });
  });
});
