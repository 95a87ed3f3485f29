import { describe, expect, it } from 'vitest';
import { createSemanticIndex } from './semantic-index.js';

function randomUnit(dimensions: number, seed: number): Float32Array {
  let state = seed;
  const vector = new Float32Array(dimensions);
  for (let index = 0; index < dimensions; index++) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    vector[index] = state / 2_147_483_648 - 0.5;
  }
  return vector;
}

describe('createSemanticIndex', () => {
  it('searches only the groups asked for', () => {
    const index = createSemanticIndex({ dimensions: 3 });
    index.add(1, 'tenant-a', new Float32Array([1, 0, 0]));
    index.add(2, 'tenant-b', new Float32Array([1, 0, 0]));
    index.add(3, 'tenant-a', new Float32Array([0, 1, 0]));
    expect(index.nearest(['tenant-a'], new Float32Array([1, 0.1, 0]), 5).map((match) => match.id)).toEqual([1, 3]);
    expect(index.nearest(['tenant-b'], new Float32Array([0, 1, 0]), 5).map((match) => match.id)).toEqual([2]);
    expect(index.nearest(['tenant-c'], new Float32Array([0, 1, 0]), 5)).toEqual([]);
    const both = index.nearest(['tenant-a', 'tenant-b'], new Float32Array([1, 0, 0]), 2);
    expect(both.map((match) => match.similarity)).toEqual([1, 1]);
  });

  it('removes entries (the last row moves into the hole) and replaces re-added ids', () => {
    const index = createSemanticIndex({ dimensions: 2 });
    index.add(1, 'g', new Float32Array([1, 0]));
    index.add(2, 'g', new Float32Array([0, 1]));
    index.add(3, 'g', new Float32Array([1, 1]));
    index.remove(1);
    expect(index.size).toBe(2);
    expect(index.nearest(['g'], new Float32Array([1, 0]), 1)[0]!.id).toBe(3);
    index.add(3, 'h', new Float32Array([1, 0]));
    expect(index.nearest(['g'], new Float32Array([1, 0]), 5).map((match) => match.id)).toEqual([2]);
    expect(index.nearest(['h'], new Float32Array([1, 0]), 5)[0]!.similarity).toBeCloseTo(1, 6);
  });

  it('agrees with the exact scan once a group is large enough for an ANN index', () => {
    const dimensions = 32;
    const exact = createSemanticIndex({ dimensions, exactScanBelow: 10_000 });
    const approximate = createSemanticIndex({ dimensions, exactScanBelow: 50 });
    for (let id = 0; id < 300; id++) {
      const vector = randomUnit(dimensions, id + 1);
      exact.add(id, 'g', vector);
      approximate.add(id, 'g', vector);
    }
    for (let id = 0; id < 40; id += 2) {
      exact.remove(id);
      approximate.remove(id);
    }
    let agree = 0;
    for (let query = 0; query < 20; query++) {
      const vector = randomUnit(dimensions, 10_000 + query);
      if (exact.nearest(['g'], vector, 1)[0]!.id === approximate.nearest(['g'], vector, 1)[0]!.id) agree++;
    }
    expect(agree).toBeGreaterThanOrEqual(19);
    expect(approximate.nearest(['g'], randomUnit(dimensions, 1), 1)[0]!.id).not.toBe(0);
  });

  it('rejects vectors of the wrong size or zero length', () => {
    const index = createSemanticIndex({ dimensions: 2 });
    expect(() => index.add(1, 'g', new Float32Array(3))).toThrow(/3 dimensions/);
    expect(() => index.add(1, 'g', new Float32Array(2))).toThrow(/zero/);
    expect(() => createSemanticIndex({ dimensions: 0 })).toThrow(/"dimensions"/);
  });
});
