import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { createUniversalSentenceEncoder, type UniversalSentenceEncoder } from './universal-sentence-encoder.js';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, index) => sum + value * (b[index] as number), 0);

/** Longest gap between 1 ms timer ticks while `work` runs: how long the event loop was blocked. */
async function longestLoopGap(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  last = performance.now();
  try {
    await work();
  } finally {
    clearInterval(ticker);
  }
  return Math.max(longest, performance.now() - last);
}

const batch = (tag: string) => Array.from({ length: 32 }, (_, index) => `${tag}: can you tell me about order number ${index} and its delivery?`);

describe('createUniversalSentenceEncoder', () => {
  const encoders: UniversalSentenceEncoder[] = [];
  afterAll(async () => {
    await Promise.all(encoders.map((encoder) => encoder.close()));
  });

  it('loads the bundled model offline on a worker and returns normalised 512-d vectors', async () => {
    const encoder = createUniversalSentenceEncoder();
    encoders.push(encoder);
    const [first, second, third] = await encoder.embed([
      'How do I reset my password?',
      'I forgot my password, how can I reset it?',
      'What is the status of ticket INC-4821?',
    ]);
    expect(first).toHaveLength(512);
    expect(cosine(first!, first!)).toBeCloseTo(1, 4);
    // A paraphrase is closer than an unrelated question.
    expect(cosine(first!, second!)).toBeGreaterThan(cosine(first!, third!) + 0.2);
  });

  it('gives the same vectors on the worker as on the calling thread', async () => {
    const inThread = createUniversalSentenceEncoder({ worker: false });
    const onWorker = encoders[0] as UniversalSentenceEncoder;
    const [fromThread] = await inThread.embed(['Where is my parcel?']);
    const [fromWorker] = await onWorker.embed(['Where is my parcel?']);
    expect(cosine(fromThread!, fromWorker!)).toBeCloseTo(1, 5);
  });

  it('combines concurrent requests into one model call and serves repeats from its cache', async () => {
    const encoder = encoders[0] as UniversalSentenceEncoder;
    const before = encoder.stats();
    const texts = ['book a table for two', 'cancel my booking', 'what time do you open'];
    await Promise.all(texts.map((text) => encoder.embed([text])));
    const after = encoder.stats();
    expect(after.batches - before.batches).toBe(1);
    await encoder.embed(texts);
    expect(encoder.stats().batches).toBe(after.batches);
    expect(encoder.stats().cacheHits - after.cacheHits).toBe(3);
  });

  it('keeps the event loop responsive on the worker, unlike the calling thread', async () => {
    const onWorker = encoders[0] as UniversalSentenceEncoder;
    const inThread = createUniversalSentenceEncoder({ worker: false, cacheSize: 0 });
    await inThread.ready();
    const workerGap = await longestLoopGap(() => onWorker.embed(batch('worker')));
    const threadGap = await longestLoopGap(() => inThread.embed(batch('thread')));
    // 32 sentences take the model ≳ 100 ms; on the calling thread all of it is one blocked stretch.
    expect(threadGap).toBeGreaterThan(60);
    expect(workerGap).toBeLessThan(threadGap / 2);
  });

  it('rejects calls after close', async () => {
    const encoder = createUniversalSentenceEncoder({ eager: true });
    await encoder.ready();
    await encoder.close();
    await expect(encoder.embed(['hello'])).rejects.toMatchObject({ code: 'HOTPATH_ABORTED' });
  });
});
