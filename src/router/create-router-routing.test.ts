// Starting tier per request (classifier on the shared embedding, text heuristic without one), the
// tier kept across a run's steps, and deadline-aware choice: a tier that cannot finish is skipped,
// and nothing starts when nothing fits.

import { describe, expect, it } from 'vitest';
import { toyDimensions, toyEmbedding } from '../classifier/__fixtures__/toy-examples.js';
import { HotpathError } from '../util/index.js';
import { createRouter } from './create-router.js';
import type { RouterClassifier } from './router-options.js';
import { fakeRun, readStep, stepRequest } from './test-support/fake-run.js';
import { scriptedDeployment, textAnswer } from './test-support/scripted-deployment.js';

const simpleText = "What's the status of INC-4821?";
const complexText = 'Analyze the trend in P1 incidents this quarter, compare it with last quarter and explain why it changed';

function setup(options: { fastTtftMs?: number; powerfulTtftMs?: number; classifier?: RouterClassifier; embeddingTimeoutMs?: number } = {}) {
  const fast = scriptedDeployment({ modelId: 'small', script: [textAnswer('fast answer')] });
  const powerful = scriptedDeployment({ modelId: 'large', script: [textAnswer('powerful answer')] });
  const router = createRouter({
    tiers: [
      { name: 'fast', deployments: [{ model: fast, ...(options.fastTtftMs ? { expected: { ttftMs: options.fastTtftMs, tokensPerSecond: 100 } } : {}) }] },
      { name: 'powerful', deployments: [{ model: powerful, ...(options.powerfulTtftMs ? { expected: { ttftMs: options.powerfulTtftMs, tokensPerSecond: 50 } } : {}) }] },
    ],
    deadline: { expectedOutputTokens: 20 },
    ...(options.classifier ? { classifier: options.classifier } : {}),
    ...(options.embeddingTimeoutMs === undefined ? {} : { embeddingTimeoutMs: options.embeddingTimeoutMs }),
  });
  return { fast, powerful, router };
}

/** A classifier that reads the tier off the toy embedding's strongest axis. */
function axisClassifier(): RouterClassifier & { classified: number } {
  const classifier = {
    tiers: ['simple', 'complex'] as const,
    dimensions: toyDimensions,
    classified: 0,
    classify({ embedding }: { embedding: Float32Array }) {
      classifier.classified++;
      const complex = (embedding[1] ?? 0) > (embedding[0] ?? 0);
      return { tier: complex ? 'complex' : 'simple', probabilities: {}, score: complex ? 0.9 : 0.1, features: {} as never };
    },
    learnFromOutcome: () => undefined,
  };
  return classifier;
}

describe('router: starting tier', () => {
  it('sends simple requests to the fast tier and complex ones to the powerful tier by the text heuristic', async () => {
    const { fast, powerful, router } = setup();
    const simple = await readStep(await router.stream(stepRequest(fakeRun({ input: simpleText }))));
    const complex = await readStep(await router.stream(stepRequest(fakeRun({ input: complexText }))));
    expect(simple.text).toBe('fast answer');
    expect(complex.text).toBe('powerful answer');
    expect(fast.calls).toHaveLength(1);
    expect(powerful.calls).toHaveLength(1);
    expect(router.stats().startsBySource).toEqual({ classifier: 0, heuristic: 2, raisedByHeuristic: 0 });
  });

  it('uses the classifier on the shared request embedding: it can send a simple-sounding request to the powerful tier', async () => {
    const classifier = axisClassifier();
    const { router } = setup({ classifier });
    // Simple-sounding text, but the embedding says complex: the classifier decides.
    const run = fakeRun({ input: simpleText, embedding: toyEmbedding(1) });
    const result = await readStep(await router.stream(stepRequest(run)));
    expect(result.text).toBe('powerful answer');
    expect(classifier.classified).toBe(1);
    expect(router.stats().startsBySource).toEqual({ classifier: 1, heuristic: 0, raisedByHeuristic: 0 });
    expect(run.recorder.spans().find((span) => span.stage === 'classify')?.attributes).toMatchObject({ tier: 'powerful', source: 'classifier' });
    expect(router.decide({ text: simpleText, embedding: toyEmbedding(0) })).toMatchObject({ tier: 'fast', source: 'classifier', downgraded: false });
  });

  it("lets the text heuristic raise the classifier's pick, never lower it", async () => {
    const classifier = axisClassifier();
    const { router } = setup({ classifier });
    const raised = await readStep(await router.stream(stepRequest(fakeRun({ input: complexText, embedding: toyEmbedding(0) }))));
    expect(raised.text).toBe('powerful answer');
    expect(router.stats().startsBySource).toEqual({ classifier: 1, heuristic: 0, raisedByHeuristic: 1 });
    expect(router.decide({ text: simpleText, embedding: toyEmbedding(0) }).tier).toBe('fast');
  });

  it('falls back to the heuristic without an embedding, or when it is late or the wrong size', async () => {
    const classifier = axisClassifier();
    const { router } = setup({ classifier });
    const late = fakeRun({ input: complexText, embedding: () => new Promise((resolve) => setTimeout(() => resolve(toyEmbedding(0)), 1_000)) });
    const started = performance.now();
    expect((await readStep(await router.stream(stepRequest(late)))).text).toBe('powerful answer');
    expect(performance.now() - started).toBeLessThan(900);
    await readStep(await router.stream(stepRequest(fakeRun({ input: complexText }))));
    await readStep(await router.stream(stepRequest(fakeRun({ input: complexText, embedding: new Float32Array(3) }))));
    expect(classifier.classified).toBe(0);
    expect(router.stats().startsBySource.heuristic).toBe(3);
  });

  it('stops waiting for embeddings that usually come too late, and still takes one that is already there', async () => {
    const classifier = axisClassifier();
    const { router } = setup({ classifier, embeddingTimeoutMs: 100 });
    const slow = () => fakeRun({ input: complexText, embedding: () => new Promise((resolve) => setTimeout(() => resolve(toyEmbedding(0)), 300)) });
    let started = performance.now();
    await readStep(await router.stream(stepRequest(slow())));
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Embeddings now usually arrive after 300 ms, more than the 100 ms the router may wait: it does not.
    started = performance.now();
    expect((await readStep(await router.stream(stepRequest(slow())))).text).toBe('powerful answer');
    expect(performance.now() - started).toBeLessThan(80);
    expect(classifier.classified).toBe(0);
    // One that is already computed is used all the same.
    const ready = fakeRun({ input: simpleText, embedding: toyEmbedding(1) });
    expect((await readStep(await router.stream(stepRequest(ready)))).text).toBe('powerful answer');
    expect(classifier.classified).toBe(1);
  });

  it('keeps the run on its tier for later steps and classifies once', async () => {
    const classifier = axisClassifier();
    const { powerful, router } = setup({ classifier });
    const run = fakeRun({ input: simpleText, embedding: toyEmbedding(1) });
    await readStep(await router.stream(stepRequest(run, undefined, [], 0)));
    await readStep(await router.stream(stepRequest(run, undefined, [], 1)));
    expect(powerful.calls).toHaveLength(2);
    expect(classifier.classified).toBe(1);
    expect(run.modelCalls.map((call) => call.tier)).toEqual(['powerful', 'powerful']);
  });
});

describe('router: deadline-aware choice', () => {
  it('skips the slow tier when it cannot finish in time and picks the faster one', async () => {
    const { fast, powerful, router } = setup({ fastTtftMs: 50, powerfulTtftMs: 3_000 });
    const run = fakeRun({ input: complexText, timeoutMs: 1_000 });
    const result = await readStep(await router.stream(stepRequest(run)));
    expect(result.text).toBe('fast answer');
    expect(powerful.calls).toHaveLength(0);
    expect(fast.calls).toHaveLength(1);
    expect(router.stats().deadlineDowngrades).toBe(1);
    expect(router.decide({ text: complexText, deadline: Date.now() + 1_000 })).toMatchObject({ tier: 'fast', downgraded: true });
    // With time enough, the complex request goes where it belongs.
    expect((await readStep(await router.stream(stepRequest(fakeRun({ input: complexText, timeoutMs: 10_000 }))))).text).toBe('powerful answer');
  });

  it('starts nothing when nothing can finish, and fails fast with HOTPATH_DEADLINE_EXCEEDED', async () => {
    const { fast, powerful, router } = setup({ fastTtftMs: 2_000, powerfulTtftMs: 3_000 });
    const started = performance.now();
    const error = await router.stream(stepRequest(fakeRun({ input: simpleText, timeoutMs: 1_000 }))).then(() => undefined, (reason: unknown) => reason);
    expect(HotpathError.isInstance(error) && error.code).toBe('HOTPATH_DEADLINE_EXCEEDED');
    expect((error as HotpathError).details).toMatchObject({ fastestEstimateMs: expect.any(Number) });
    expect(performance.now() - started).toBeLessThan(100);
    expect(fast.calls).toHaveLength(0);
    expect(powerful.calls).toHaveLength(0);
    expect(router.stats().deadlineRejections).toBe(1);
  });

  it('learns speeds from its own calls: a deployment measured as slow stops fitting tight budgets', async () => {
    const fast = scriptedDeployment({ modelId: 'small', script: [textAnswer('fast answer', { firstTokenMs: 5 })] });
    const powerful = scriptedDeployment({ modelId: 'large', script: [textAnswer('slow powerful answer', { firstTokenMs: 300 })] });
    const router = createRouter({ tiers: [{ name: 'fast', deployments: [{ model: fast }] }, { name: 'powerful', deployments: [{ model: powerful }] }] });
    // Unknown speed is assumed to fit: the first complex request goes to the powerful tier.
    await readStep(await router.stream(stepRequest(fakeRun({ input: complexText, timeoutMs: 200 }))));
    expect(powerful.calls).toHaveLength(1);
    const measured = router.stats().deployments.find((deployment) => deployment.tier === 'powerful');
    expect(measured?.ttftMs).toBeGreaterThanOrEqual(250);
    const result = await readStep(await router.stream(stepRequest(fakeRun({ input: complexText, timeoutMs: 200 }))));
    expect(result.text).toBe('fast answer');
    expect(powerful.calls).toHaveLength(1);
  });
});
