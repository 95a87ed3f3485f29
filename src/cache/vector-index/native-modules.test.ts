// Loads each native vector-search module, so a clean install proves its binary works on this platform.
import { createRequire } from 'node:module';
import type * as Hnswlib from 'hnswlib-node';
import type * as Usearch from 'usearch';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

describe('native vector-search modules', () => {
  it('usearch loads and answers a search', () => {
    const usearch = require('usearch') as typeof Usearch;
    const index = new usearch.Index({ dimensions: 4, metric: usearch.MetricKind.Cos, quantization: usearch.ScalarKind.F32, connectivity: 8, expansion_add: 16, expansion_search: 16, multi: false });
    index.add(BigUint64Array.of(1n, 2n), Float32Array.of(1, 0, 0, 0, 0, 1, 0, 0), 1);
    expect(Number(index.search(Float32Array.of(0.1, 1, 0, 0), 1, 1).keys[0])).toBe(2);
  });

  it('hnswlib-node loads and answers a search', () => {
    const { HierarchicalNSW } = require('hnswlib-node') as typeof Hnswlib;
    const index = new HierarchicalNSW('cosine', 4);
    index.initIndex({ maxElements: 4 });
    index.addPoint([1, 0, 0, 0], 1);
    index.addPoint([0, 1, 0, 0], 2);
    expect(index.searchKnn([0.1, 1, 0, 0], 1).neighbors).toEqual([2]);
  });
});
