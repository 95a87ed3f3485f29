import { describe, expect, it } from 'vitest';
import { createExactVectorIndex } from './exact-vector-index.js';
import { createHnswVectorIndex } from './hnsw-vector-index.js';
import { createVectorIndex } from './vector-index.js';
import { describeVectorIndexContract, randomUnitVector, referenceSearch, seededRandom } from './vector-index-contract.js';

describeVectorIndexContract('exact', (dimensions) => createExactVectorIndex({ dimensions, initialCapacity: 4 }));
describeVectorIndexContract('exact, native kernel', (dimensions) => createExactVectorIndex({ dimensions, kernel: 'native' }));
describeVectorIndexContract('hnsw (usearch, f16 default)', (dimensions) => createHnswVectorIndex({ dimensions }));
describeVectorIndexContract('hnsw (usearch, f32, M 8)', (dimensions) => createHnswVectorIndex({ dimensions, quantization: 'f32', connectivity: 8, expansionSearch: 32 }));
describeVectorIndexContract('auto, default threshold', (dimensions) => createVectorIndex({ dimensions, metric: 'cosine' }));
describeVectorIndexContract('auto, switching at 30 entries', (dimensions) => createVectorIndex({ dimensions, exactBelow: 30, migrationStep: 4 }));
describeVectorIndexContract('auto, JS exact kernel, switching at 50', (dimensions) => createVectorIndex({ dimensions, exactBelow: 50, exactKernel: 'js' }));
describeVectorIndexContract('auto, HNSW from the start', (dimensions) => createVectorIndex({ dimensions, exactBelow: 0 }));

describe('createVectorIndex switching', () => {
  const dimensions = 8;

  it('searches exactly below the threshold, migrates step by step, then searches the graph', () => {
    const random = seededRandom(11);
    const index = createVectorIndex({ dimensions, exactBelow: 10, migrationStep: 3 });
    const entries = new Map<number, Float32Array>();
    const addNext = (id: number) => {
      const vector = randomUnitVector(dimensions, random);
      entries.set(id, vector);
      index.add(id, vector);
    };
    for (let id = 0; id < 9; id++) addNext(id);
    expect(index.mode).toBe('exact');
    addNext(9);
    // 10 entries to move, 3 per add: the graph is complete after the fourth add that migrates.
    expect(index.mode).toBe('migrating');
    index.remove(4);
    entries.delete(4);
    addNext(3); // an update during migration
    addNext(10);
    addNext(11);
    expect(index.mode).toBe('hnsw');
    expect(index.size).toBe(entries.size);
    for (const [id, vector] of entries) expect(index.search(vector, 1)[0]?.id).toBe(id);
    const query = randomUnitVector(dimensions, random);
    expect(index.search(query, 3).map((match) => match.id)).toEqual(referenceSearch(entries, query, 3).map((match) => match.id));
  });

  it('never switches with exactBelow: Infinity', () => {
    const random = seededRandom(12);
    const index = createVectorIndex({ dimensions, exactBelow: Number.POSITIVE_INFINITY });
    for (let id = 0; id < 3000; id++) index.add(id, randomUnitVector(dimensions, random));
    expect(index.mode).toBe('exact');
    expect(index.size).toBe(3000);
  });

  it('validates its options and names the offending one', () => {
    expect(() => createVectorIndex({ dimensions: 0 })).toThrow(/dimensions must be a positive integer/);
    expect(() => createVectorIndex({ dimensions, exactBelow: -1 })).toThrow(/exactBelow/);
    expect(() => createVectorIndex({ dimensions, metric: 'euclidean' as 'cosine' })).toThrow(/metric/);
    expect(() => createVectorIndex({ dimensions, migrationStep: 0 })).toThrow(/migrationStep/);
    expect(() => createHnswVectorIndex({ dimensions, connectivity: 0 })).toThrow(/connectivity/);
    expect(() => createHnswVectorIndex({ dimensions, quantization: 'f8' as 'f32' })).toThrow(/quantization/);
    expect(() => createExactVectorIndex({ dimensions, initialCapacity: 0 })).toThrow(/initialCapacity/);
    expect(() => createExactVectorIndex({ dimensions, kernel: 'gpu' as 'js' })).toThrow(/kernel/);
  });
});
