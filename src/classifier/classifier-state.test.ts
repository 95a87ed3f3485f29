import { describe, expect, it } from 'vitest';
import { HotpathError } from '../util/index.js';
import { toyExamples, toyModelId } from './__fixtures__/toy-examples.js';
import { parseClassifierState, serializeClassifierState } from './classifier-state.js';
import { trainClassifier } from './train-classifier.js';

const { state } = trainClassifier({ examples: toyExamples(40, 1), embeddingModelId: toyModelId });
const serialized = serializeClassifierState(state);

function rejection(input: unknown, expectations = {}): HotpathError {
  try {
    parseClassifierState(input, expectations);
  } catch (error) {
    if (HotpathError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the state to be rejected');
}

describe('parseClassifierState', () => {
  it('round-trips through its JSON form', () => {
    const parsed = parseClassifierState(serialized);
    expect(parsed.tiers).toEqual(state.tiers);
    expect(parsed.weights[1]?.[0]).toBeCloseTo(state.weights[1]?.[0] ?? Number.NaN, 5);
    expect(serializeClassifierState(parsed)).toBe(serialized);
  });

  it('rejects truncated JSON as corrupt', () => {
    const error = rejection(serialized.slice(0, serialized.length / 2));
    expect(error.code).toBe('HOTPATH_INVALID_CONFIG');
    expect(error.message).toMatch(/not valid JSON \(corrupt or truncated\)/);
    expect(error.details.reason).toBe('corrupt');
  });

  it('rejects something that is not a classifier state', () => {
    expect(rejection('[1,2,3]').message).toMatch(/must be a JSON object/);
    expect(rejection({ hello: 'world' }).message).toMatch(/Not a hotpath classifier state: its "format" is undefined/);
  });

  it('rejects another version and says how to fix it', () => {
    const error = rejection({ ...state, version: 2 });
    expect(error.message).toMatch(/version 2 is not supported \(this hotpath reads version 1\); retrain it with `hotpath train-classifier`/);
    expect(error.details.reason).toBe('version');
  });

  it('rejects states with missing or inconsistent parts', () => {
    const { bias: _bias, ...withoutBias } = state;
    expect(rejection(withoutBias).message).toMatch(/bias/);
    expect(rejection({ ...state, weights: [state.weights[0]] }).message).toMatch(/weights has 1 rows, expected one per tier \(2\)/);
    expect(rejection({ ...state, mean: state.mean.slice(1) }).message).toMatch(/mean has 18 values, expected 19/);
    expect(rejection({ ...state, scale: state.scale.map(() => 0) }).message).toMatch(/must be positive/);
    expect(rejection({ ...state, textFeatures: ['characters'] }).message).toMatch(/trained on text features \[characters\]/);
  });

  it('rejects a state made for another embedding model, size or tier set', () => {
    expect(rejection(state, { dimensions: 512 }).details.reason).toBe('dimensions');
    expect(rejection(state, { embeddingModelId: 'universal-sentence-encoder-lite' }).details.reason).toBe('embedding-model');
    expect(rejection(state, { tiers: ['simple', 'medium', 'complex'] }).details.reason).toBe('tiers');
  });
});
