import { describe, expect, it } from 'vitest';
import { percentile } from './percentiles.js';
import { createSyntheticVectors } from './synthetic-vectors.js';

const dot = (matrix: Float32Array, first: number, second: Float32Array, secondRow: number, dimensions: number) => {
  let sum = 0;
  for (let index = 0; index < dimensions; index++) sum += (matrix[first * dimensions + index] as number) * (second[secondRow * dimensions + index] as number);
  return sum;
};

describe('createSyntheticVectors', () => {
  it('makes seeded unit vectors whose queries sit close to a stored cluster and far from the rest', () => {
    const dimensions = 64;
    const first = createSyntheticVectors({ count: 400, dimensions, queries: 20, seed: 3 });
    const again = createSyntheticVectors({ count: 400, dimensions, queries: 20, seed: 3 });
    expect(first.data).toEqual(again.data);
    expect(dot(first.data, 0, first.data, 0, dimensions)).toBeCloseTo(1, 5);
    for (let query = 0; query < 20; query++) {
      const similarities = Array.from({ length: 400 }, (_, row) => dot(first.data, row, first.queries, query, dimensions)).sort((a, b) => b - a);
      // Nearest neighbour is a paraphrase (≈ 0.72 by construction), the median stranger near 0.
      expect(similarities[0]).toBeGreaterThan(0.5);
      expect(Math.abs(similarities[200] as number)).toBeLessThan(0.3);
    }
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([], 50)).toBeNaN();
  });
});
