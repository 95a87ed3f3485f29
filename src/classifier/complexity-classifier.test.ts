import { describe, expect, it } from 'vitest';
import { toyDimensions, toyEmbedding, toyExamples, toyModelId } from './__fixtures__/toy-examples.js';
import { createComplexityClassifier } from './complexity-classifier.js';
import { trainClassifier } from './train-classifier.js';

const { state } = trainClassifier({ examples: toyExamples(120, 1), embeddingModelId: toyModelId, seed: 3 });

describe('createComplexityClassifier', () => {
  it('classifies with tier, probabilities, score and the text features', () => {
    const classifier = createComplexityClassifier({ state });
    const result = classifier.classify({ text: 'Analyze the trend in P1 incidents', embedding: toyEmbedding(1, { noise: 0 }) });
    expect(result.tier).toBe('complex');
    expect(result.score).toBeCloseTo(result.probabilities.complex ?? -1, 12);
    expect(result.features.analyticalTerms).toBeGreaterThan(0);
    expect(classifier.tiers).toEqual(['simple', 'complex']);
  });

  it('decides quickly (sanity bound, not a benchmark)', () => {
    const classifier = createComplexityClassifier({ state });
    const embedding = toyEmbedding(0, { seed: 99 });
    const started = performance.now();
    for (let index = 0; index < 2_000; index++) classifier.classify({ text: `What's the status of INC-${1000 + index}?`, embedding });
    const perCallMs = (performance.now() - started) / 2_000;
    expect(perCallMs).toBeLessThan(1);
  });

  it('cuts on the score with configured thresholds', () => {
    const between = new Float32Array(toyDimensions);
    between[0] = Math.SQRT1_2;
    between[1] = Math.SQRT1_2;
    const request = { text: 'request', embedding: between };
    const score = createComplexityClassifier({ state }).classify(request).score;
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(1);
    const lenient = createComplexityClassifier({ state, thresholds: [(score + 1) / 2] });
    const strict = createComplexityClassifier({ state, thresholds: [score / 2] });
    expect(lenient.classify(request).tier).toBe('simple');
    expect(strict.classify(request).tier).toBe('complex');
  });

  it('moves a misclassified example towards its tier, boundedly', () => {
    const classifier = createComplexityClassifier({ state });
    const request = { text: 'Reset my password', embedding: toyEmbedding(0, { seed: 7 }) };
    const before = classifier.classify(request);
    expect(before.tier).toBe('simple');
    const first = classifier.learn({ ...request, tier: 'complex' });
    expect(first.probabilityBefore).toBeCloseTo(before.probabilities.complex ?? -1, 12);
    expect(first.probabilityAfter).toBeGreaterThan(first.probabilityBefore);
    // One outcome nudges; it does not flip a confident decision.
    expect(classifier.classify(request).tier).toBe('simple');
    let steps = 1;
    while (classifier.classify(request).tier === 'simple' && steps < 500) {
      classifier.learn({ ...request, tier: 'complex' });
      steps++;
    }
    expect(classifier.classify(request).tier).toBe('complex');
    expect(steps).toBeGreaterThan(3);
    expect(classifier.onlineUpdates).toBe(steps);
    expect(classifier.toState().training.onlineUpdates).toBe(steps);
    // Unrelated requests keep their decision.
    expect(classifier.classify({ text: 'request', embedding: toyEmbedding(1, { noise: 0 }) }).tier).toBe('complex');
  });

  it('learns from outcomes: a failure teaches the next tier, a first-tier success reinforces it', () => {
    const classifier = createComplexityClassifier({ state });
    const request = { text: 'Reset my password', embedding: toyEmbedding(0, { seed: 7 }) };
    const complexBefore = classifier.classify(request).probabilities.complex ?? -1;
    const failure = classifier.learnFromOutcome({ ...request, servedBy: 'simple', succeeded: false });
    expect(failure?.probabilityAfter).toBeGreaterThan(failure?.probabilityBefore ?? 1);
    expect(failure?.probabilityBefore).toBeCloseTo(complexBefore, 12);
    const success = classifier.learnFromOutcome({ ...request, servedBy: 'simple', succeeded: true });
    expect(success?.probabilityAfter).toBeGreaterThan(success?.probabilityBefore ?? 1);
    // Nothing to learn about a cheaper tier from the powerful tier's outcomes.
    expect(classifier.learnFromOutcome({ ...request, servedBy: 'complex', succeeded: true })).toBeUndefined();
    expect(classifier.learnFromOutcome({ ...request, servedBy: 'complex', succeeded: false })).toBeUndefined();
    expect(classifier.onlineUpdates).toBe(2);
  });

  it('weights outcomes, capped, and can be frozen', () => {
    const request = { text: 'Reset my password', embedding: toyEmbedding(0, { seed: 7 }) };
    const light = createComplexityClassifier({ state }).learn({ ...request, tier: 'complex', weight: 1 });
    const heavy = createComplexityClassifier({ state }).learn({ ...request, tier: 'complex', weight: 3 });
    const capped = createComplexityClassifier({ state, onlineLearning: { maxWeight: 3 } }).learn({ ...request, tier: 'complex', weight: 50 });
    expect(heavy.probabilityAfter - heavy.probabilityBefore).toBeGreaterThan(light.probabilityAfter - light.probabilityBefore);
    expect(capped.probabilityAfter).toBeCloseTo(heavy.probabilityAfter, 12);
    const frozen = createComplexityClassifier({ state, onlineLearning: false }).learn({ ...request, tier: 'complex' });
    expect(frozen.probabilityAfter).toBe(frozen.probabilityBefore);
    expect(frozen.onlineUpdates).toBe(0);
  });

  it('rejects bad input and options with a message naming them', () => {
    const classifier = createComplexityClassifier({ state });
    expect(() => classifier.classify({ text: 'x', embedding: new Float32Array(3) })).toThrow(/embedding must be a Float32Array of 8 values \(got 3\)/);
    expect(() => classifier.learn({ text: 'x', embedding: toyEmbedding(0), tier: 'huge' })).toThrow(/tier "huge"/);
    expect(() => classifier.learn({ text: 'x', embedding: toyEmbedding(0), tier: 'complex', weight: -1 })).toThrow(/weight/);
    expect(() => createComplexityClassifier({ state, thresholds: [0.5, 0.7] })).toThrow(/thresholds/);
    expect(() => createComplexityClassifier({ state, onlineLearning: { maxLogitStep: 0 } })).toThrow(/onlineLearning.maxLogitStep/);
    expect(() => createComplexityClassifier({ state, dimensions: 512 })).toThrow(/expects 8-d embeddings/);
    expect(() => createComplexityClassifier({ state, embeddingModelId: 'other-model' })).toThrow(/trained on embeddings of "toy-encoder"/);
    expect(() => createComplexityClassifier({ state, tiers: ['fast', 'powerful'] })).toThrow(/tiers \[simple, complex\]/);
  });
});
