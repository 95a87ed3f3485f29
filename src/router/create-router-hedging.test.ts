// Hedged requests: a call with no first token by its deployment's TTFT quantile gets a twin on the
// tier's other deployment; the first to produce a token wins, the other is cancelled, and a token
// bucket keeps hedges under the configured share of calls even when many calls stall at once.

import { describe, expect, it } from 'vitest';
import { createRouter } from './create-router.js';
import type { RouterOptions } from './router-options.js';
import { fakeRun, readStep, stepRequest } from './test-support/fake-run.js';
import { scriptedDeployment, textAnswer, type ScriptSource } from './test-support/scripted-deployment.js';

const question = 'Who is my manager?';
// As many warm-up calls as samples the quantile needs: none of them can be hedged (timer jitter on
// identical warm calls would otherwise cross their own p95), the measured call is the first that can.
const warmCalls = 5;

/** A primary (weight 1) and a standby replica (weight 0) of the only tier; the primary's first calls are quick. */
function setup(primaryScript: (index: number) => ReturnType<typeof textAnswer>, replicaScript: ScriptSource, hedging: RouterOptions['hedging'] = {}) {
  const primary = scriptedDeployment({ modelId: 'model', provider: 'primary', script: ({ index }) => primaryScript(index) });
  const replica = scriptedDeployment({ modelId: 'model', provider: 'replica', script: replicaScript });
  const router = createRouter({
    tiers: [{ name: 'fast', deployments: [{ model: primary, weight: 1 }, { model: replica, weight: 0 }] }],
    hedging: hedging === false ? false : { minSamples: 5, ...hedging },
  });
  return { primary, replica, router };
}

async function warmUp(router: ReturnType<typeof createRouter>) {
  for (let call = 0; call < warmCalls; call++) await readStep(await router.stream(stepRequest(fakeRun({ input: question }))));
}

describe('router: hedging', () => {
  it('hedges a call that has no first token by p95; the replica wins, the primary is cancelled, the stream continues', async () => {
    const slowAnswer = 'from the primary';
    const { primary, replica, router } = setup(
      (index) => (index < warmCalls ? textAnswer('quick', { firstTokenMs: 10 }) : textAnswer(slowAnswer, { firstTokenMs: 2_000 })),
      [textAnswer('Your manager is Dana Reyes, based in Lisbon.', { firstTokenMs: 5, tokenMs: 5 })],
    );
    await warmUp(router);
    // A loaded machine can stretch a warm-up call past the quantile: count only this call's hedge.
    const before = router.stats();
    const p95 = before.deployments.find((deployment) => deployment.provider === 'primary')!.hedgeAfterMs!;
    expect(p95).toBeGreaterThanOrEqual(9);
    const run = fakeRun({ input: question });
    const started = performance.now();
    const result = await readStep(await router.stream(stepRequest(run)));
    const elapsed = performance.now() - started;
    expect(result.text).toBe('Your manager is Dana Reyes, based in Lisbon.');
    expect(elapsed).toBeLessThan(1_000);
    expect(replica.calls).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(primary.calls.at(-1)?.aborted).toBe(true);
    expect(replica.calls[0]?.aborted).toBe(false);
    expect(run.modelCalls.find((call) => call.hedged)).toMatchObject({ tier: 'fast', hedged: true });
    expect(router.stats()).toMatchObject({ hedges: before.hedges + 1, hedgeWins: before.hedgeWins + 1 });
    expect(router.stats().hedgeRate).toBeCloseTo((before.hedges + 1) / (warmCalls + 1), 5);
  });

  it('the hedge does not fire before the quantile', async () => {
    // Warm calls take 100 ms to their first token; the measured one 5 ms, far below the quantile.
    const { replica, router } = setup((index) => textAnswer('quick', { firstTokenMs: index < warmCalls ? 100 : 5 }), [textAnswer('replica')]);
    await warmUp(router);
    await readStep(await router.stream(stepRequest(fakeRun({ input: question }))));
    expect(replica.calls).toHaveLength(0);
    expect(router.stats().hedges).toBe(0);
  });

  it('when the primary answers first after all, the hedge is the one cancelled', async () => {
    const { primary, replica, router } = setup(
      (index) => (index < warmCalls ? textAnswer('quick', { firstTokenMs: 10 }) : textAnswer('primary after all', { firstTokenMs: 400 })),
      [textAnswer('replica', { firstTokenMs: 3_000 })],
    );
    await warmUp(router);
    const before = router.stats();
    const result = await readStep(await router.stream(stepRequest(fakeRun({ input: question }))));
    expect(result.text).toBe('primary after all');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(replica.calls.at(-1)?.aborted).toBe(true);
    expect(primary.calls.at(-1)?.aborted).toBe(false);
    expect(router.stats()).toMatchObject({ hedges: before.hedges + 1, hedgeWins: before.hedgeWins });
  });

  it('an error on one twin before its first token leaves the race to the other', async () => {
    const { router } = setup(
      (index) => (index < warmCalls ? textAnswer('quick', { firstTokenMs: 10 }) : { headersDelayMs: 150, reject: new Error('not retryable, but the twin answers') }),
      [textAnswer('replica answer', { firstTokenMs: 300 })],
    );
    await warmUp(router);
    expect((await readStep(await router.stream(stepRequest(fakeRun({ input: question }))))).text).toBe('replica answer');
  });

  it('keeps hedges under maxRate × calls (+ burst) when many calls stall at once', async () => {
    const { replica, router } = setup(
      (index) => (index < warmCalls ? textAnswer('quick', { firstTokenMs: 10 }) : textAnswer('slow', { firstTokenMs: 250 })),
      [textAnswer('replica', { firstTokenMs: 5 })],
      { maxRate: 0.05, burst: 1 },
    );
    await warmUp(router);
    const burst = 60;
    await Promise.all(Array.from({ length: burst }, async () => readStep(await router.stream(stepRequest(fakeRun({ input: question }))))));
    const calls = warmCalls + burst;
    const stats = router.stats();
    expect(stats.hedges).toBeGreaterThanOrEqual(1);
    expect(stats.hedges).toBeLessThanOrEqual(Math.floor(0.05 * calls + 1));
    expect(replica.calls).toHaveLength(stats.hedges);
  });

  it('never hedges when hedging is off', async () => {
    const { replica, router } = setup(
      (index) => (index < warmCalls ? textAnswer('quick', { firstTokenMs: 10 }) : textAnswer('slow', { firstTokenMs: 150 })),
      [textAnswer('replica')],
      false,
    );
    await warmUp(router);
    expect((await readStep(await router.stream(stepRequest(fakeRun({ input: question }))))).text).toBe('slow');
    expect(replica.calls).toHaveLength(0);
  });
});
