import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toyEmbedding, toyExamples, toyModelId } from './__fixtures__/toy-examples.js';
import type { ClassifierStateStore } from './classifier-state-store.js';
import { serializeClassifierState } from './classifier-state.js';
import { createComplexityClassifier } from './complexity-classifier.js';
import { createFileClassifierStateStore } from './file-classifier-state-store.js';
import { createRedisClassifierStateStore } from './redis-classifier-state-store.js';
import { trainClassifier } from './train-classifier.js';

const { state } = trainClassifier({ examples: toyExamples(60, 1), embeddingModelId: toyModelId });
const request = { text: 'Reset my password', embedding: toyEmbedding(0, { seed: 7 }) };
const runId = `${process.pid}-${Date.now()}`;

let directory: string;
let redis: Redis;
const redisKeys: string[] = [];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'hotpath-classifier-'));
  redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
  if (redisKeys.length > 0) await redis.del(...redisKeys);
  await redis.quit();
});

function redisKey(name: string): string {
  const key = `hotpath-test:classifier:${runId}:${name}`;
  redisKeys.push(key);
  return key;
}

// The same contract for every store: what one classifier learned and saved, another loads.
async function roundTrip(store: ClassifierStateStore): Promise<void> {
  const learner = createComplexityClassifier({ state, store });
  expect(await learner.load()).toBe(false);
  for (let step = 0; step < 5; step++) learner.learn({ ...request, tier: 'complex' });
  const learned = learner.classify(request).probabilities.complex ?? -1;
  await learner.save();

  const fresh = createComplexityClassifier({ state, store });
  expect(fresh.classify(request).probabilities.complex).not.toBeCloseTo(learned, 6);
  expect(await fresh.load()).toBe(true);
  expect(fresh.classify(request).probabilities.complex).toBeCloseTo(learned, 5);
  expect(fresh.onlineUpdates).toBe(5);
}

describe('classifier state stores', () => {
  it('round-trips through a file, written atomically', async () => {
    const path = join(directory, 'nested', 'state.json');
    await roundTrip(createFileClassifierStateStore({ path }));
    expect(JSON.parse(await readFile(path, 'utf8')).format).toBe('hotpath-classifier-state');
  });

  it('round-trips through Redis with a given client', async () => {
    await roundTrip(createRedisClassifierStateStore({ client: redis, key: redisKey('client') }));
  });

  it('round-trips through Redis with a URL, and closes its own connection', async () => {
    const store = createRedisClassifierStateStore({ url: 'redis://127.0.0.1:6379', key: redisKey('url') });
    await roundTrip(store);
    await store.close?.();
  });

  it('refuses to load a corrupt or incompatible stored state, naming where it came from', async () => {
    const path = join(directory, 'corrupt.json');
    await writeFile(path, '{"format":"hotpath-classifier-state","version":1,"weights":[[0.1,');
    const classifier = createComplexityClassifier({ state, store: createFileClassifierStateStore({ path }) });
    await expect(classifier.load()).rejects.toThrow(new RegExp(`Cannot load the classifier state from file ${path}: .*corrupt or truncated`));

    const key = redisKey('old-version');
    await redis.set(key, serializeClassifierState({ ...state, version: 0 as 1 }));
    const fromRedis = createComplexityClassifier({ state, store: createRedisClassifierStateStore({ client: redis, key }) });
    await expect(fromRedis.load()).rejects.toThrow(/redis key .*old-version: Classifier state version 0 is not supported/);

    const otherTiers = trainClassifier({
      examples: toyExamples(20, 2).map((example) => ({ ...example, tier: example.tier === 'simple' ? 'fast' : 'powerful' })),
      embeddingModelId: toyModelId,
      tiers: ['fast', 'powerful'],
    }).state;
    await writeFile(path, serializeClassifierState(otherTiers));
    await expect(classifier.load()).rejects.toThrow(/tiers \[fast, powerful\] but \[simple, complex\] were configured/);
    // The classifier keeps working on its previous state.
    expect(classifier.classify(request).tier).toBe('simple');
  });

  it('needs a store to save or load', async () => {
    const classifier = createComplexityClassifier({ state });
    await expect(classifier.save()).rejects.toThrow(/store is not configured/);
    expect(() => createRedisClassifierStateStore({ key: 'k' })).toThrow(/give exactly one of client or url/);
    expect(() => createRedisClassifierStateStore({ url: 'http://x' })).toThrow(/url must start with redis:\/\//);
  });
});
