// Failover: a retryable error before anything was released moves the step to the next deployment at
// once (same tier first, then the next tier) instead of waiting on a backoff; non-retryable errors and
// failures after output was released surface to the caller.

import { describe, expect, it } from 'vitest';
import { HotpathError } from '../util/index.js';
import { createRouter } from './create-router.js';
import type { RouterOptions } from './router-options.js';
import { fakeRun, readStep, stepRequest } from './test-support/fake-run.js';
import { scriptedDeployment, textAnswer, type CallScript, type ScriptSource } from './test-support/scripted-deployment.js';

const question = 'Who is my manager?';
const answer = 'Your manager is Dana Reyes.';

function setup(primaryScript: ScriptSource, options: Partial<RouterOptions> = {}, replicaScript: ScriptSource = [textAnswer(answer)]) {
  const primary = scriptedDeployment({ modelId: 'small', provider: 'primary', script: primaryScript });
  const replica = scriptedDeployment({ modelId: 'small', provider: 'replica', script: replicaScript });
  const powerful = scriptedDeployment({ modelId: 'large', provider: 'primary', script: [textAnswer('powerful answer')] });
  const router = createRouter({
    tiers: [
      { name: 'fast', deployments: [{ model: primary, weight: 1 }, { model: replica, weight: 0 }] },
      { name: 'powerful', deployments: [{ model: powerful }] },
    ],
    ...options,
  });
  return { primary, replica, powerful, router };
}

const rejected = (error: HotpathError, headersDelayMs = 0): CallScript => ({ headersDelayMs, reject: error });
const rateLimited = (retryAfterMs: number) => new HotpathError('HOTPATH_PROVIDER_RATE_LIMITED', 'rate limited', { statusCode: 429, retryAfterMs });

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('router: failover', () => {
  it('429 with a Retry-After longer than the budget: moves to the replica at once, and avoids the primary while it cools down', async () => {
    const { primary, replica, router } = setup([rejected(rateLimited(30_000)), textAnswer('primary again')]);
    const { value, ms } = await timed(async () => readStep(await router.stream(stepRequest(fakeRun({ input: question, timeoutMs: 5_000 })))));
    expect(value.text).toBe(answer);
    expect(ms).toBeLessThan(200);
    expect(router.stats()).toMatchObject({ failovers: 1, failoversByCode: { HOTPATH_PROVIDER_RATE_LIMITED: 1 } });
    expect(router.stats().deployments.find((deployment) => deployment.provider === 'primary' && deployment.tier === 'fast')?.coolingDownUntil).toBeGreaterThan(Date.now());
    await readStep(await router.stream(stepRequest(fakeRun({ input: question }))));
    expect(primary.calls).toHaveLength(1);
    expect(replica.calls).toHaveLength(2);
  });

  it.each([
    ['500', new HotpathError('HOTPATH_PROVIDER_UNAVAILABLE', 'internal error', { statusCode: 500, isRetryable: true })],
    ['connection refused', new HotpathError('HOTPATH_CONNECTION_ERROR', 'connect ECONNREFUSED 127.0.0.1:1')],
    ['timeout', new HotpathError('HOTPATH_TIMEOUT', 'no response headers within 1000 ms')],
  ])('%s: moves to the replica at once', async (_name, error) => {
    const { replica, router } = setup([rejected(error)]);
    const { value, ms } = await timed(async () => readStep(await router.stream(stepRequest(fakeRun({ input: question })))));
    expect(value.text).toBe(answer);
    expect(ms).toBeLessThan(200);
    expect(replica.calls).toHaveLength(1);
    expect(router.stats().failoversByCode[error.code]).toBe(1);
  });

  it('a call with no first token within the per-attempt timeout is abandoned for the next deployment', async () => {
    const { primary, router } = setup([textAnswer('too late', { headersDelayMs: 5_000 })], { failover: { attemptTimeoutMs: 100 } });
    const { value, ms } = await timed(async () => readStep(await router.stream(stepRequest(fakeRun({ input: question })))));
    expect(value.text).toBe(answer);
    expect(ms).toBeGreaterThanOrEqual(95);
    expect(ms).toBeLessThan(600);
    expect(primary.calls[0]?.aborted).toBe(true);
    expect(router.stats().failoversByCode.HOTPATH_TIMEOUT).toBe(1);
  });

  it('goes to the next tier when the whole tier fails', async () => {
    const unavailable = new HotpathError('HOTPATH_PROVIDER_UNAVAILABLE', 'overloaded', { statusCode: 503 });
    const { powerful, router } = setup([rejected(unavailable)], {}, [rejected(unavailable)]);
    const run = fakeRun({ input: question });
    expect((await readStep(await router.stream(stepRequest(run)))).text).toBe('powerful answer');
    expect(powerful.calls).toHaveLength(1);
    expect(run.modelCalls.map((call) => call.tier)).toEqual(['fast', 'fast', 'powerful']);
  });

  it("stays in the tier with order 'same-tier' and surfaces the last error", async () => {
    const unavailable = new HotpathError('HOTPATH_PROVIDER_UNAVAILABLE', 'overloaded', { statusCode: 503 });
    const { powerful, router } = setup([rejected(unavailable)], { failover: { order: 'same-tier' } }, [rejected(unavailable)]);
    await expect(readStep(await router.stream(stepRequest(fakeRun({ input: question }))))).rejects.toMatchObject({ code: 'HOTPATH_PROVIDER_UNAVAILABLE' });
    expect(powerful.calls).toHaveLength(0);
  });

  it('waits out a short Retry-After once when every deployment asked for it and the wait still fits', async () => {
    const primary = scriptedDeployment({ modelId: 'm', provider: 'primary', script: [rejected(rateLimited(150)), textAnswer(answer)] });
    const router = createRouter({ tiers: [{ name: 'only', deployments: [{ model: primary }] }] });
    const { value, ms } = await timed(async () => readStep(await router.stream(stepRequest(fakeRun({ input: question, timeoutMs: 5_000 })))));
    expect(value.text).toBe(answer);
    expect(ms).toBeGreaterThanOrEqual(140);
    expect(primary.calls).toHaveLength(2);
  });

  it('does not wait when the Retry-After would not fit the budget', async () => {
    const primary = scriptedDeployment({ modelId: 'm', provider: 'primary', script: [rejected(rateLimited(3_000)), textAnswer(answer)] });
    const router = createRouter({ tiers: [{ name: 'only', deployments: [{ model: primary }] }] });
    const { value, ms } = await timed(() => router.stream(stepRequest(fakeRun({ input: question, timeoutMs: 1_000 }))).then(readStep).catch((error: unknown) => error));
    expect(value).toMatchObject({ code: 'HOTPATH_PROVIDER_RATE_LIMITED' });
    expect(ms).toBeLessThan(200);
  });

  it('surfaces a non-retryable error without failover', async () => {
    const { replica, router } = setup([rejected(new HotpathError('HOTPATH_PROVIDER_BAD_REQUEST', 'messages: field required', { statusCode: 400 }))]);
    await expect(readStep(await router.stream(stepRequest(fakeRun({ input: question }))))).rejects.toMatchObject({ code: 'HOTPATH_PROVIDER_BAD_REQUEST' });
    expect(replica.calls).toHaveLength(0);
  });

  it('fails over a stream that broke before anything was released', async () => {
    const broken: CallScript = {
      parts: [
        { type: 'response-start', modelId: 'small' },
        { type: 'text-delta', delta: 'Your' },
        { type: 'throw', error: new HotpathError('HOTPATH_CONNECTION_ERROR', 'socket hang up') },
      ],
    };
    const { router } = setup([broken]);
    const result = await readStep(await router.stream(stepRequest(fakeRun({ input: question }))));
    expect(result.text).toBe(answer);
  });

  it('surfaces a mid-stream failure after text was released (it cannot be un-sent)', async () => {
    const released: CallScript = {
      parts: [
        { type: 'text-delta', delta: 'Your manager is Dana Reyes, who works in the Lisbon office ' },
        { type: 'text-delta', delta: 'and ' },
        { type: 'error', error: new HotpathError('HOTPATH_CONNECTION_ERROR', 'socket hang up') },
      ],
    };
    const { replica, router } = setup([released]);
    const seen: string[] = [];
    const stream = await router.stream(stepRequest(fakeRun({ input: question })));
    const error = await (async () => {
      for await (const part of stream) if (part.type === 'text-delta') seen.push(part.delta);
    })().then(() => undefined, (reason: unknown) => reason);
    expect(error).toMatchObject({ code: 'HOTPATH_CONNECTION_ERROR' });
    expect(seen.join('')).toContain('Dana Reyes');
    expect(replica.calls).toHaveLength(0);
  });

  it('stops at once when the run is aborted', async () => {
    const { router } = setup([textAnswer(answer, { headersDelayMs: 2_000 })]);
    const run = fakeRun({ input: question });
    setTimeout(() => run.controller.abort(new HotpathError('HOTPATH_ABORTED', 'caller went away')), 50);
    const { value, ms } = await timed(() => router.stream(stepRequest(run)).then(readStep).catch((error: unknown) => error));
    expect(value).toMatchObject({ code: 'HOTPATH_ABORTED' });
    expect(ms).toBeLessThan(500);
  });
});
