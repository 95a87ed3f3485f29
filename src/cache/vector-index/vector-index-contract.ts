// One contract every VectorIndex implementation passes (exact, HNSW, auto-switching). Imported only
// by tests: `describeVectorIndexContract('name', (dimensions) => createX({ dimensions }))`.

import { describe, expect, it } from 'vitest';
import type { VectorIndex } from '../../spec/index.js';
import { HotpathError } from '../../util/index.js';

export type VectorIndexFactory = (dimensions: number) => VectorIndex;

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

export function randomUnitVector(dimensions: number, random: () => number): Float32Array {
  const vector = Float32Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

export function cosine(first: Float32Array, second: Float32Array): number {
  let dot = 0;
  let firstNorm = 0;
  let secondNorm = 0;
  for (let index = 0; index < first.length; index++) {
    dot += (first[index] as number) * (second[index] as number);
    firstNorm += (first[index] as number) ** 2;
    secondNorm += (second[index] as number) ** 2;
  }
  return dot / Math.sqrt(firstNorm * secondNorm);
}

/** Brute-force nearest ids from a plain map: the reference the index must agree with. */
export function referenceSearch(entries: Map<number, Float32Array>, query: Float32Array, limit: number): { id: number; similarity: number }[] {
  return [...entries]
    .map(([id, vector]) => ({ id, similarity: cosine(vector, query) }))
    .sort((first, second) => second.similarity - first.similarity)
    .slice(0, limit);
}

/** Mixes `vector` with noise so it stays nearest to `vector` but is not identical. */
function perturb(vector: Float32Array, random: () => number, amount: number): Float32Array {
  return vector.map((value) => value + (random() * 2 - 1) * amount);
}

export function describeVectorIndexContract(name: string, factory: VectorIndexFactory): void {
  describe(`VectorIndex contract: ${name}`, () => {
    const dimensions = 16;

    it('starts empty and finds nothing', () => {
      const index = factory(dimensions);
      expect(index.dimensions).toBe(dimensions);
      expect(index.size).toBe(0);
      expect(index.search(randomUnitVector(dimensions, seededRandom(1)), 5)).toEqual([]);
    });

    it('finds an added vector as its own nearest neighbour with similarity 1', () => {
      const random = seededRandom(2);
      const index = factory(dimensions);
      const vectors = Array.from({ length: 20 }, () => randomUnitVector(dimensions, random));
      vectors.forEach((vector, id) => index.add(id, vector));
      expect(index.size).toBe(20);
      for (const [id, vector] of vectors.entries()) {
        const [best] = index.search(vector, 1);
        expect(best?.id).toBe(id);
        expect(best?.similarity).toBeCloseTo(1, 3);
      }
    });

    it('returns up to `limit` matches, best first, with cosine similarities', () => {
      const random = seededRandom(3);
      const index = factory(dimensions);
      const entries = new Map<number, Float32Array>();
      for (let id = 0; id < 10; id++) {
        // Not normalised: the index must still report cosine similarity.
        const vector = randomUnitVector(dimensions, random).map((value) => value * (1 + id));
        entries.set(id * 7, vector);
        index.add(id * 7, vector);
      }
      const query = randomUnitVector(dimensions, random);
      const matches = index.search(query, 4);
      const expected = referenceSearch(entries, query, 4);
      expect(matches.map((match) => match.id)).toEqual(expected.map((match) => match.id));
      matches.forEach((match, position) => expect(match.similarity).toBeCloseTo(expected[position]?.similarity as number, 3));
      expect(index.search(query, 50)).toHaveLength(10);
      expect(index.search(query, 0)).toEqual([]);
    });

    it('forgets removed ids and ignores unknown ones', () => {
      const random = seededRandom(4);
      const index = factory(dimensions);
      const first = randomUnitVector(dimensions, random);
      const second = randomUnitVector(dimensions, random);
      index.add(1, first);
      index.add(2, second);
      index.remove(1);
      index.remove(99);
      expect(index.size).toBe(1);
      expect(index.search(first, 5).map((match) => match.id)).toEqual([2]);
      index.remove(2);
      expect(index.size).toBe(0);
      expect(index.search(first, 5)).toEqual([]);
      index.add(1, second);
      expect(index.search(second, 1)).toEqual([{ id: 1, similarity: expect.closeTo(1, 3) as number }]);
    });

    it('replaces the vector when an id is added again', () => {
      const random = seededRandom(5);
      const index = factory(dimensions);
      const before = randomUnitVector(dimensions, random);
      const after = randomUnitVector(dimensions, random);
      const other = randomUnitVector(dimensions, random);
      index.add(7, before);
      index.add(8, other);
      index.add(7, after);
      expect(index.size).toBe(2);
      expect(index.search(after, 1)[0]).toMatchObject({ id: 7, similarity: expect.closeTo(1, 3) as number });
      const forOld = index.search(before, 2).find((match) => match.id === 7);
      expect(forOld?.similarity).toBeCloseTo(cosine(before, after), 3);
    });

    it('rejects vectors and queries of the wrong size, naming both sizes', () => {
      const index = factory(dimensions);
      index.add(1, randomUnitVector(dimensions, seededRandom(6)));
      const wrong = new Float32Array(3).fill(1);
      for (const call of [() => index.add(2, wrong), () => index.search(wrong, 1)]) {
        let caught: unknown;
        try {
          call();
        } catch (error) {
          caught = error;
        }
        expect(HotpathError.isInstance(caught)).toBe(true);
        expect((caught as HotpathError).code).toBe('HOTPATH_INVALID_ARGUMENT');
        expect((caught as HotpathError).message).toMatch(new RegExp(`3 dimensions.*${dimensions}-dimensional`));
      }
      expect(index.size).toBe(1);
    });

    it('rejects invalid ids, zero vectors and bad limits', () => {
      const index = factory(dimensions);
      const vector = randomUnitVector(dimensions, seededRandom(7));
      expect(() => index.add(-1, vector)).toThrow(/non-negative safe integer/);
      expect(() => index.add(1.5, vector)).toThrow(/non-negative safe integer/);
      expect(() => index.add(1, new Float32Array(dimensions))).toThrow(/non-zero length/);
      expect(() => index.search(vector, -1)).toThrow(/limit/);
      expect(index.size).toBe(0);
    });

    it('agrees with brute force on a small random set (recall@1 ≥ 0.95)', () => {
      const random = seededRandom(8);
      const index = factory(dimensions);
      const entries = new Map<number, Float32Array>();
      for (let id = 0; id < 400; id++) {
        const vector = randomUnitVector(dimensions, random);
        entries.set(id, vector);
        index.add(id, vector);
      }
      let hits = 0;
      for (let query = 0; query < 100; query++) {
        const target = entries.get(Math.floor(random() * 400)) as Float32Array;
        const probe = perturb(target, random, 0.2);
        if (index.search(probe, 1)[0]?.id === referenceSearch(entries, probe, 1)[0]?.id) hits++;
      }
      expect(hits / 100).toBeGreaterThanOrEqual(0.95);
    });

    it('stays consistent with a reference map through interleaved adds, updates and removals', () => {
      const random = seededRandom(9);
      const index = factory(dimensions);
      const entries = new Map<number, Float32Array>();
      for (let step = 0; step < 600; step++) {
        const id = Math.floor(random() * 300);
        if (random() < 0.3) {
          index.remove(id);
          entries.delete(id);
        } else {
          const vector = randomUnitVector(dimensions, random);
          index.add(id, vector);
          entries.set(id, vector);
        }
        expect(index.size).toBe(entries.size);
      }
      for (const [id, vector] of entries) expect(index.search(vector, 1)[0]?.id).toBe(id);
      const live = new Set(entries.keys());
      for (let query = 0; query < 20; query++) {
        for (const match of index.search(randomUnitVector(dimensions, random), 10)) expect(live.has(match.id)).toBe(true);
      }
    });
  });
}
