// The index the semantic cache uses: exact search while small (faster there, and exact), an HNSW graph
// once it grows past `exactBelow`. The switch is spread over the following adds (`migrationStep`
// entries each) so no single add stalls the event loop building a graph; until the graph holds every
// entry, searches keep using the exact store, and adds/removals go to both so neither falls behind.

import type { VectorIndex } from '../../spec/index.js';
import { HotpathError } from '../../util/index.js';
import { checkPositiveInteger } from './check-vector.js';
import { createExactVectorIndex, type ExactVectorIndex } from './exact-vector-index.js';
import { createHnswVectorIndex, type HnswVectorIndex, type HnswVectorIndexOptions } from './hnsw-vector-index.js';

export interface VectorIndexOptions {
  dimensions: number;
  metric?: 'cosine';
  /**
   * Entries below which search is an exact scan. The default comes from bench/micro/vector-index-crossover.ts
   * (docs/decisions/004-vector-index.md). 0 uses HNSW from the start; Infinity never switches.
   */
  exactBelow?: number;
  /** HNSW tuning; defaults in `defaultHnswOptions` (measured trade-offs: docs/decisions/004-vector-index.md). */
  hnsw?: Omit<HnswVectorIndexOptions, 'dimensions'>;
  /** Entries moved into the graph per add while switching over (bounds the cost of one add). */
  migrationStep?: number;
  /** Kernel of the exact scan: 'native' (default, SIMD) or 'js' (no native code until the switch). */
  exactKernel?: 'js' | 'native';
}

export type VectorIndexMode = 'exact' | 'migrating' | 'hnsw';

export interface AutoVectorIndex extends VectorIndex {
  /** Which structure answers searches now. */
  readonly mode: VectorIndexMode;
}

// Measured crossover (bench/micro/vector-index-crossover.ts, 512-d): the SIMD exact scan is faster
// than the HNSW graph up to about 1,000 entries; adds cost ~2 µs there instead of ~300 µs.
export const defaultExactBelow = 1_000;

export function createVectorIndex(options: VectorIndexOptions): AutoVectorIndex {
  const dimensions = checkPositiveInteger(options.dimensions, 'dimensions');
  if (options.metric !== undefined && options.metric !== 'cosine') {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `metric must be 'cosine', got ${String(options.metric)}`, { details: { option: 'metric' } });
  }
  const exactBelow = options.exactBelow ?? defaultExactBelow;
  if (exactBelow !== Number.POSITIVE_INFINITY && (!Number.isInteger(exactBelow) || exactBelow < 0)) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `exactBelow must be a non-negative integer or Infinity, got ${String(exactBelow)}`, { details: { option: 'exactBelow' } });
  }
  const migrationStep = checkPositiveInteger(options.migrationStep ?? 8, 'migrationStep');
  const createGraph = () => createHnswVectorIndex({ ...options.hnsw, dimensions });

  const kernel = options.exactKernel ?? 'native';
  let exact: ExactVectorIndex | undefined = exactBelow > 0 ? createExactVectorIndex({ dimensions, kernel }) : undefined;
  let graph: HnswVectorIndex | undefined = exact ? undefined : createGraph();
  let pending: number[] = [];

  const migrate = () => {
    if (!exact || !graph) return;
    const batchIds: number[] = [];
    const batchVectors = new Float32Array(migrationStep * dimensions);
    while (pending.length > 0 && batchIds.length < migrationStep) {
      const id = pending.pop() as number;
      const vector = exact.get(id);
      // Removed since, or already written to the graph by a later add.
      if (vector === undefined || graph.has(id)) continue;
      batchVectors.set(vector, batchIds.length * dimensions);
      batchIds.push(id);
    }
    graph.addMany({ ids: batchIds, vectors: batchVectors.subarray(0, batchIds.length * dimensions) });
    if (pending.length === 0) exact = undefined;
  };

  const index: AutoVectorIndex = {
    dimensions,
    get mode() {
      return graph ? (exact ? 'migrating' : 'hnsw') : 'exact';
    },
    get size() {
      return (exact ?? graph)?.size ?? 0;
    },
    add(id, vector) {
      if (exact) exact.add(id, vector);
      if (graph) graph.add(id, vector);
      if (exact && !graph && exact.size >= exactBelow) {
        graph = createGraph();
        pending = exact.ids();
      }
      if (exact && graph) migrate();
    },
    remove(id) {
      exact?.remove(id);
      graph?.remove(id);
    },
    search(vector, limit) {
      return (exact ?? (graph as HnswVectorIndex)).search(vector, limit);
    },
  };
  return index;
}
