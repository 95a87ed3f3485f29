import { describe, expect, it } from 'vitest';
import { assignFolds, crossFitScores, rocAuc, routingLabel } from './cross-fit-router.js';
import type { RoutingEvalApi } from './public-api.js';

describe('assignFolds', () => {
  it('keeps identical prompts in one fold and balances the folds', () => {
    const prompts = ['a', 'b', 'c', 'a', 'd', 'e', 'f', 'b', 'g', 'h'];
    const folds = assignFolds(prompts, 4, 1);
    expect(folds[3]).toBe(folds[0]);
    expect(folds[7]).toBe(folds[1]);
    const sizes = [0, 1, 2, 3].map((fold) => new Set(prompts.filter((_, index) => folds[index] === fold)).size);
    expect(sizes.sort()).toEqual([2, 2, 2, 2]);
    expect(Array.from(assignFolds(prompts, 4, 1))).toEqual(Array.from(folds));
  });
});

describe('routingLabel', () => {
  it('labels by the weak model failing, or by the strong model doing better', () => {
    const bothWrong = { prompt: 'x', weakQuality: 0, strongQuality: 0 };
    const strongWins = { prompt: 'y', weakQuality: 0, strongQuality: 1 };
    const weakWins = { prompt: 'z', weakQuality: 1, strongQuality: 0 };
    expect([bothWrong, strongWins, weakWins].map((row) => routingLabel(row))).toEqual(['complex', 'complex', 'simple']);
    expect([bothWrong, strongWins, weakWins].map((row) => routingLabel(row, 'strong-wins'))).toEqual(['simple', 'complex', 'simple']);
  });
});

describe('crossFitScores', () => {
  it('scores every row with a model trained without its fold', () => {
    const rows = Array.from({ length: 12 }, (_, index) => ({ prompt: `q${index}`, weakQuality: index % 3 === 0 ? 0 : 1, strongQuality: 1 }));
    const trainedOn: string[][] = [];
    const api = {
      trainClassifier: ({ examples }) => {
        trainedOn.push(examples.map((example) => example.text));
        expect(examples.every((example, position) => example.tier === routingLabel(rows.find((row) => row.prompt === examples[position]!.text)!))).toBe(true);
        return { state: new Set(examples.map((example) => example.text)) };
      },
      createComplexityClassifier: ({ state } = {}) => ({
        tiers: ['simple', 'complex'],
        classify: ({ text }) => ({ tier: 'simple', score: (state as Set<string>).has(text) ? 1 : 0.5, probabilities: {} }),
        learn: () => ({ probabilityBefore: 0, probabilityAfter: 0 }),
      }),
    } satisfies Pick<RoutingEvalApi, 'trainClassifier' | 'createComplexityClassifier'>;
    const scores = crossFitScores({ api, rows, embeddings: rows.map(() => new Float32Array(2)), embeddingModelId: 'fake', folds: 3, seed: 2 });
    // A row seen in training would score 1: none does.
    expect(Array.from(scores)).toEqual(rows.map(() => 0.5));
    expect(trainedOn).toHaveLength(3);
    expect(trainedOn.every((prompts) => prompts.length === 8)).toBe(true);
  });
});

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0.5 for ties and 0 for an inverted one', () => {
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [true, true, false, false])).toBe(1);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [true, false, true, false])).toBe(0.5);
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [true, true, false, false])).toBe(0);
    expect(rocAuc([0.9, 0.3, 0.5, 0.1], [true, true, false, false])).toBe(0.75);
  });
});
