import { describe, expect, it } from 'vitest';
import { HotpathError } from '../util/index.js';
import { createBatchedEmbeddingModel, type BatchedEmbeddingModelOptions } from './batched-embedding-model.js';

/** A fake model: vector [length, first char code], records each call; `gate` holds calls until opened. */
function fakeModel(overrides: Partial<BatchedEmbeddingModelOptions> = {}) {
  const calls: string[][] = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const model = createBatchedEmbeddingModel({
    modelId: 'fake',
    dimensions: 2,
    async embedBatch(texts) {
      calls.push(texts);
      if (gate) await gate;
      if (texts.includes('boom')) throw new HotpathError('HOTPATH_PROVIDER_UNAVAILABLE', 'model down');
      return texts.map((text) => Float32Array.of(text.length, text.charCodeAt(0)));
    },
    ...overrides,
  });
  return {
    model,
    calls,
    hold() {
      gate = new Promise((resolve) => (release = resolve));
    },
    open() {
      gate = undefined;
      release?.();
    },
  };
}

describe('createBatchedEmbeddingModel', () => {
  it('combines concurrent calls within the window into one model call', async () => {
    const { model, calls } = fakeModel({ batchWindowMs: 5 });
    const results = await Promise.all([model.embed(['a']), model.embed(['bb', 'ccc']), model.embed(['dddd'])]);
    expect(calls).toEqual([['a', 'bb', 'ccc', 'dddd']]);
    expect(results.map((vectors) => vectors.map((vector) => vector[0]))).toEqual([[1], [2, 3], [4]]);
    expect(model.stats()).toMatchObject({ batches: 1, batchedTexts: 4 });
  });

  it('splits at maxBatchSize', async () => {
    const { model, calls } = fakeModel({ maxBatchSize: 2, concurrency: 4 });
    await model.embed(['a', 'b', 'c', 'd', 'e']);
    expect(calls).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('serves exact repeats from the cache and shares texts already in flight', async () => {
    const { model, calls } = fakeModel();
    const [first, second] = await Promise.all([model.embed(['same', 'x']), model.embed(['same'])]);
    expect(calls).toEqual([['same', 'x']]);
    expect(second[0]).toEqual(first[0]);
    const again = await model.embed(['same', 'x']);
    expect(calls).toHaveLength(1);
    expect(again[1]).toEqual(Float32Array.of(1, 'x'.charCodeAt(0)));
    expect(model.stats()).toMatchObject({ texts: 5, cacheHits: 2 });
  });

  it('returns copies, so a caller changing its vector does not change the cache', async () => {
    const { model } = fakeModel();
    const [vector] = await model.embed(['abc']);
    vector!.fill(0);
    expect((await model.embed(['abc']))[0]).toEqual(Float32Array.of(3, 97));
  });

  it('collects texts while the model is busy and sends them together when it frees up', async () => {
    const fake = fakeModel({ batchWindowMs: 1 });
    fake.hold();
    const first = fake.model.embed(['a']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const later = [fake.model.embed(['b']), fake.model.embed(['c'])];
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.calls).toEqual([['a']]);
    fake.open();
    await Promise.all([first, ...later]);
    expect(fake.calls).toEqual([['a'], ['b', 'c']]);
  });

  it('rejects every caller of a failed batch and does not cache the failure', async () => {
    const { model, calls } = fakeModel();
    const outcomes = await Promise.allSettled([model.embed(['boom']), model.embed(['ok'])]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(((outcomes[0] as PromiseRejectedResult).reason as HotpathError).code).toBe('HOTPATH_PROVIDER_UNAVAILABLE');
    expect(await model.embed(['ok'])).toHaveLength(1);
    expect(calls).toEqual([['boom', 'ok'], ['ok']]);
  });

  it('rejects an aborted caller at once while others still get their vectors', async () => {
    const fake = fakeModel();
    fake.hold();
    const controller = new AbortController();
    const aborted = fake.model.embed(['a'], { signal: controller.signal });
    const other = fake.model.embed(['a']);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'HOTPATH_ABORTED' });
    fake.open();
    expect((await other)[0]).toEqual(Float32Array.of(1, 97));
    await expect(fake.model.embed(['b'], { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'HOTPATH_ABORTED' });
  });

  it('reports a model that returns the wrong number of vectors', async () => {
    const model = createBatchedEmbeddingModel({ modelId: 'short', dimensions: 1, embedBatch: async () => [] });
    await expect(model.embed(['a'])).rejects.toMatchObject({ code: 'HOTPATH_PROVIDER_BAD_RESPONSE' });
  });

  it('validates its options and names the offending one', () => {
    const embedBatch = async () => [];
    expect(() => createBatchedEmbeddingModel({ modelId: 'm', dimensions: 1, embedBatch, maxBatchSize: 0 })).toThrow(/maxBatchSize/);
    expect(() => createBatchedEmbeddingModel({ modelId: 'm', dimensions: 1, embedBatch, batchWindowMs: -1 })).toThrow(/batchWindowMs/);
    expect(() => createBatchedEmbeddingModel({ modelId: 'm', dimensions: 1, embedBatch, cacheSize: 1.5 })).toThrow(/cacheSize/);
  });
});
