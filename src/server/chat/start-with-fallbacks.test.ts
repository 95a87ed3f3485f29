import { describe, expect, it } from 'vitest';
import { HotpathError } from '../../util/index.js';
import type { ModelRuntime } from '../runtime/model-runtime.js';
import { startWithFallbacks } from './start-with-fallbacks.js';
import type { AttemptRequest, StartedResponse } from './upstream-attempt.js';

const model = (name: string) => ({ name, tier: undefined }) as unknown as ModelRuntime;
const request = () => ({ signal: new AbortController().signal }) as unknown as AttemptRequest;
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new HotpathError('HOTPATH_ABORTED', 'aborted'));
    });
  });
const started = (name: string, aborted: string[] = []): StartedResponse =>
  ({ model: model(name), status: 200, firstByteMs: 1, abort: () => aborted.push(name) }) as unknown as StartedResponse;
const unavailable = () => new HotpathError('HOTPATH_PROVIDER_UNAVAILABLE', 'down', { statusCode: 503 });

describe('startWithFallbacks', () => {
  it('tries fallbacks in order after retryable failures and reports every attempt', async () => {
    const outcome = await startWithFallbacks({
      candidates: [model('a'), model('b'), model('c')],
      hedgeAfterMs: undefined,
      request: request(),
      start: async (target) => {
        if (target.name !== 'c') throw unavailable();
        return started('c');
      },
    });
    expect(outcome.started.model.name).toBe('c');
    expect(outcome.fallbacks).toBe(2);
    expect(outcome.modelCalls.map((call) => call.model)).toEqual(['a', 'b', 'c']);
  });

  it('does not fall back when the request itself was refused', async () => {
    const tried: string[] = [];
    await expect(startWithFallbacks({
      candidates: [model('a'), model('b')],
      hedgeAfterMs: undefined,
      request: request(),
      start: async (target) => {
        tried.push(target.name);
        throw new HotpathError('HOTPATH_PROVIDER_BAD_REQUEST', 'bad', { statusCode: 400 });
      },
    })).rejects.toThrow('bad');
    expect(tried).toEqual(['a']);
  });

  it('hedges a slow start: the first to start wins and the other attempt is aborted', async () => {
    const signals: Record<string, AbortSignal> = {};
    const outcome = await startWithFallbacks({
      candidates: [model('slow'), model('quick')],
      hedgeAfterMs: 30,
      request: request(),
      start: async (target, attempt) => {
        signals[target.name] = attempt.signal;
        await sleep(target.name === 'slow' ? 2000 : 5, attempt.signal);
        return started(target.name);
      },
    });
    expect(outcome.started.model.name).toBe('quick');
    expect(outcome.modelCalls).toEqual([expect.objectContaining({ model: 'slow' }), expect.objectContaining({ model: 'quick', hedged: true })]);
    expect(signals.slow!.aborted).toBe(true);
    expect(signals.quick!.aborted).toBe(false);
  });

  it('sends no hedge when the model starts in time', async () => {
    const outcome = await startWithFallbacks({
      candidates: [model('a'), model('b')],
      hedgeAfterMs: 500,
      request: request(),
      start: async (target) => started(target.name),
    });
    expect(outcome.modelCalls.map((call) => call.model)).toEqual(['a']);
  });

  it('after the hedge and the primary both fail, goes on with the remaining fallbacks', async () => {
    const outcome = await startWithFallbacks({
      candidates: [model('a'), model('b'), model('c')],
      hedgeAfterMs: 10,
      request: request(),
      start: async (target) => {
        if (target.name === 'a') {
          await sleep(50);
          throw unavailable();
        }
        if (target.name === 'b') throw unavailable();
        return started('c');
      },
    });
    expect(outcome.started.model.name).toBe('c');
  });
});
