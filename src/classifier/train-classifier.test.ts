import { describe, expect, it } from 'vitest';
import { toyDimensions, toyEmbedding, toyExamples, toyModelId } from './__fixtures__/toy-examples.js';
import { serializeClassifierState } from './classifier-state.js';
import { createComplexityClassifier } from './complexity-classifier.js';
import { evaluateClassifier } from './evaluate-classifier.js';
import { trainClassifier } from './train-classifier.js';

describe('trainClassifier', () => {
  it('separates a toy data set it did not see', () => {
    const { state, crossValidation } = trainClassifier({ examples: toyExamples(120, 1), embeddingModelId: toyModelId, seed: 3 });
    const classifier = createComplexityClassifier({ state });
    const evaluation = evaluateClassifier(classifier, toyExamples(60, 2));
    expect(evaluation.accuracy).toBeGreaterThan(0.95);
    expect(crossValidation?.accuracy).toBeGreaterThan(0.9);
    expect(state.dimensions).toBe(toyDimensions);
    expect(state.training.examplesPerTier).toEqual({ simple: 60, complex: 60 });
  });

  it('gives calibrated, ordered probabilities: confident on clear cases, unsure in between', () => {
    // Texts carry no signal here, so only the embedding decides.
    const examples = toyExamples(200, 4).map((example) => ({ ...example, text: 'request' }));
    const { state } = trainClassifier({ examples, embeddingModelId: toyModelId, seed: 1 });
    const classifier = createComplexityClassifier({ state });
    const simple = classifier.classify({ text: 'request', embedding: toyEmbedding(0, { noise: 0 }) });
    const complex = classifier.classify({ text: 'request', embedding: toyEmbedding(1, { noise: 0 }) });
    const between = new Float32Array(toyDimensions);
    between[0] = Math.SQRT1_2;
    between[1] = Math.SQRT1_2;
    const unsure = classifier.classify({ text: 'request', embedding: between });
    expect(simple.tier).toBe('simple');
    expect(complex.tier).toBe('complex');
    expect(simple.score).toBeLessThan(0.1);
    expect(complex.score).toBeGreaterThan(0.9);
    expect(unsure.score).toBeGreaterThan(simple.score);
    expect(unsure.score).toBeLessThan(complex.score);
    expect((simple.probabilities.simple ?? 0) + (simple.probabilities.complex ?? 0)).toBeCloseTo(1, 10);
  });

  it('is deterministic for a seed', () => {
    const examples = toyExamples(80, 5);
    const first = serializeClassifierState(trainClassifier({ examples, embeddingModelId: toyModelId, seed: 9 }).state);
    const second = serializeClassifierState(trainClassifier({ examples, embeddingModelId: toyModelId, seed: 9 }).state);
    const other = serializeClassifierState(trainClassifier({ examples, embeddingModelId: toyModelId, seed: 10 }).state);
    expect(second).toBe(first);
    expect(other).not.toBe(first);
  });

  it('trains N ordered tiers', () => {
    const examples = [0, 1, 2].flatMap((axis) =>
      Array.from({ length: 40 }, (_, index) => ({
        text: 'request',
        embedding: toyEmbedding(axis, { seed: axis * 1000 + index }),
        tier: ['small', 'medium', 'large'][axis] as string,
      })),
    );
    const { state } = trainClassifier({ examples, embeddingModelId: toyModelId, tiers: ['small', 'medium', 'large'] });
    const classifier = createComplexityClassifier({ state });
    expect(classifier.classify({ text: 'request', embedding: toyEmbedding(2, { noise: 0 }) }).tier).toBe('large');
    const medium = classifier.classify({ text: 'request', embedding: toyEmbedding(1, { noise: 0 }) });
    expect(medium.tier).toBe('medium');
    expect(medium.score).toBeGreaterThan(0.3);
    expect(medium.score).toBeLessThan(0.7);
  });

  it('names the offending option', () => {
    const examples = toyExamples(10);
    expect(() => trainClassifier({ examples: [], embeddingModelId: toyModelId })).toThrow(/examples must not be empty/);
    expect(() => trainClassifier({ examples, embeddingModelId: toyModelId, epochs: 0 })).toThrow(/epochs/);
    expect(() => trainClassifier({ examples, embeddingModelId: toyModelId, tiers: ['simple'] })).toThrow(/tiers/);
    expect(() => trainClassifier({ examples: [{ ...examples[0]!, tier: 'huge' }], embeddingModelId: toyModelId })).toThrow(/"huge" is not one of the tiers/);
    expect(() =>
      trainClassifier({ examples: examples.filter((example) => example.tier === 'simple'), embeddingModelId: toyModelId }),
    ).toThrow(/no example of tier "complex"/);
  });
});
