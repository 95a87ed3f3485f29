// Online learning from routing outcomes: a fast-tier failure teaches the classifier that the request
// needs the next tier, a fast-tier success reinforces the fast tier, and what it learned is persisted
// through the classifier's state store (a file and a Redis key) for the next process to start from.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toyEmbedding, toyExamples, toyModelId } from '../classifier/__fixtures__/toy-examples.js';
import {
  createComplexityClassifier,
  createFileClassifierStateStore,
  createRedisClassifierStateStore,
  trainClassifier,
  type ClassifierState,
  type ClassifierStateStore,
} from '../classifier/index.js';
import { createRouter } from './create-router.js';
import { fakeRun, readStep, stepRequest } from './test-support/fake-run.js';
import { scriptedDeployment, textAnswer } from './test-support/scripted-deployment.js';

const refusal = "I'm not sure I can help with that. Could you rephrase it?";
const goodAnswer = 'Your manager is Dana Reyes.';
// A request the toy classifier sends to the fast tier (its embedding sits on the "simple" axis).
const text = 'Who is my manager?';
const embedding = toyEmbedding(0, { seed: 4242, noise: 0.6 });

let state: ClassifierState;
let directory: string;
let redis: Redis;
const redisKey = `hotpath:test:router-learning:${process.pid}:${Date.now()}`;

beforeAll(async () => {
  state = trainClassifier({ examples: toyExamples(80), embeddingModelId: toyModelId, calibrationFolds: 0 }).state;
  directory = await mkdtemp(join(tmpdir(), 'hotpath-router-'));
  redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
  await redis.del(redisKey);
  await redis.quit();
});

function routerWith(store: ClassifierStateStore, fastScript: ReturnType<typeof textAnswer>[], saveEvery = 0) {
  const classifier = createComplexityClassifier({ state, store });
  const fast = scriptedDeployment({ modelId: 'small', script: fastScript });
  const powerful = scriptedDeployment({ modelId: 'large', script: [textAnswer(goodAnswer)] });
  const router = createRouter({
    tiers: [{ name: 'fast', deployments: [{ model: fast }] }, { name: 'powerful', deployments: [{ model: powerful }] }],
    classifier,
    learning: { saveEvery },
  });
  return { classifier, router };
}

const complexProbability = (classifier: ReturnType<typeof createComplexityClassifier>) => classifier.classify({ text, embedding }).probabilities.complex!;

describe('router: online learning', () => {
  it('a fast failure teaches "complex"; a fast success reinforces "simple"; once per run', async () => {
    const store = createFileClassifierStateStore({ path: join(directory, 'unused.json') });
    const failing = routerWith(store, [textAnswer(refusal)]);
    expect(failing.router.decide({ text, embedding }).tier).toBe('fast');
    const before = complexProbability(failing.classifier);
    await readStep(await failing.router.stream(stepRequest(fakeRun({ input: text, embedding }))));
    expect(failing.router.stats().escalations).toBe(1);
    expect(failing.classifier.onlineUpdates).toBe(1);
    expect(complexProbability(failing.classifier)).toBeGreaterThan(before);

    const succeeding = routerWith(store, [textAnswer(goodAnswer)]);
    const beforeSuccess = complexProbability(succeeding.classifier);
    const run = fakeRun({ input: text, embedding });
    await readStep(await succeeding.router.stream(stepRequest(run, undefined, [], 0)));
    await readStep(await succeeding.router.stream(stepRequest(run, undefined, [], 1)));
    expect(succeeding.classifier.onlineUpdates).toBe(1);
    expect(complexProbability(succeeding.classifier)).toBeLessThan(beforeSuccess);
    expect(succeeding.router.stats().learning.lessons).toBe(1);
  });

  it('without an embedding there is nothing to learn from', async () => {
    const { classifier, router } = routerWith(createFileClassifierStateStore({ path: join(directory, 'unused.json') }), [textAnswer(refusal)]);
    await readStep(await router.stream(stepRequest(fakeRun({ input: text }))));
    expect(router.stats().escalations).toBe(1);
    expect(classifier.onlineUpdates).toBe(0);
  });

  it.each([
    ['a file', () => createFileClassifierStateStore({ path: join(directory, 'state.json') })],
    ['a Redis key', () => createRedisClassifierStateStore({ client: redis, key: redisKey })],
  ])('persists what it learned to %s, and a new classifier starts from it', async (_name, makeStore) => {
    const store = makeStore();
    const { router, classifier } = routerWith(store, [textAnswer(refusal)], 2);
    for (let run = 0; run < 2; run++) await readStep(await router.stream(stepRequest(fakeRun({ input: text, embedding }))));
    // saveEvery: 2 wrote the state in the background after the second lesson.
    await router.saveClassifier();
    expect(router.stats().learning).toMatchObject({ lessons: 2, saveErrors: 0 });
    expect(router.stats().learning.saves).toBeGreaterThanOrEqual(2);

    const restarted = createComplexityClassifier({ state, store: makeStore() });
    const fresh = complexProbability(restarted);
    expect(await restarted.load()).toBe(true);
    expect(restarted.onlineUpdates).toBe(2);
    expect(complexProbability(restarted)).toBeCloseTo(complexProbability(classifier), 6);
    expect(complexProbability(restarted)).toBeGreaterThan(fresh);
  });
});
