// Exact cosine search: one dot-product scan over a contiguous Float32Array of normalised rows, either
// a tight JS loop or usearch's SIMD kernel (about 7× faster at 512 dimensions, see
// docs/decisions/004-vector-index.md). Removal moves the last row into the hole so the scan never skips holes.

import type { VectorIndex, VectorMatch } from '../../spec/index.js';
import { HotpathError } from '../../util/index.js';
import { checkId, checkLimit, checkPositiveInteger, checkVector, writeNormalized } from './check-vector.js';
import { loadUsearch } from './load-usearch.js';

export interface ExactVectorIndexOptions {
  dimensions: number;
  /** Rows to allocate up front; the store doubles when full. */
  initialCapacity?: number;
  /** 'js' (default: no native code) or 'native' (usearch's SIMD exact search). */
  kernel?: 'js' | 'native';
}

export interface ExactVectorIndex extends VectorIndex {
  has(id: number): boolean;
  /** The stored (normalised) vector for `id`, a copy. */
  get(id: number): Float32Array | undefined;
  /** Ids currently stored, in storage order. */
  ids(): number[];
}

export function createExactVectorIndex(options: ExactVectorIndexOptions): ExactVectorIndex {
  const dimensions = checkPositiveInteger(options.dimensions, 'dimensions');
  const initialCapacity = checkPositiveInteger(options.initialCapacity ?? 64, 'initialCapacity');
  const kernel = options.kernel ?? 'js';
  if (kernel !== 'js' && kernel !== 'native') {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `kernel must be 'js' or 'native', got ${String(kernel)}`, { details: { option: 'kernel' } });
  }
  const usearch = kernel === 'native' ? loadUsearch() : undefined;
  let rows = new Float32Array(initialCapacity * dimensions);
  let slotIds = new Float64Array(initialCapacity);
  const slotById = new Map<number, number>();
  // Normalising into scratch first leaves the store untouched when a vector is rejected.
  const scratch = new Float32Array(dimensions);
  let size = 0;

  const grow = () => {
    const nextRows = new Float32Array(rows.length * 2);
    nextRows.set(rows);
    rows = nextRows;
    const nextIds = new Float64Array(slotIds.length * 2);
    nextIds.set(slotIds);
    slotIds = nextIds;
  };

  const removeSlot = (id: number, slot: number) => {
    const last = size - 1;
    if (slot !== last) {
      rows.copyWithin(slot * dimensions, last * dimensions, (last + 1) * dimensions);
      const movedId = slotIds[last] as number;
      slotIds[slot] = movedId;
      slotById.set(movedId, slot);
    }
    slotById.delete(id);
    size = last;
  };

  return {
    dimensions,
    get size() {
      return size;
    },
    has: (id) => slotById.has(id),
    get(id) {
      const slot = slotById.get(id);
      return slot === undefined ? undefined : rows.slice(slot * dimensions, (slot + 1) * dimensions);
    },
    ids: () => Array.from(slotIds.subarray(0, size)),
    add(id, vector) {
      checkId(id);
      checkVector(vector, dimensions, 'vector');
      writeNormalized({ vector, target: scratch, offset: 0, what: 'vector' });
      let slot = slotById.get(id);
      if (slot === undefined) {
        if ((size + 1) * dimensions > rows.length) grow();
        slot = size++;
        slotIds[slot] = id;
        slotById.set(id, slot);
      }
      rows.set(scratch, slot * dimensions);
    },
    remove(id) {
      const slot = slotById.get(id);
      if (slot !== undefined) removeSlot(id, slot);
    },
    search(vector, limit) {
      checkVector(vector, dimensions, 'query');
      checkLimit(limit);
      if (limit === 0 || size === 0) return [];
      writeNormalized({ vector, target: scratch, offset: 0, what: 'query' });
      const wanted = Math.min(limit, size);
      if (!usearch) return scan({ rows, slotIds, size, dimensions, query: scratch, limit: wanted });
      // Rows start at offset 0 of their buffer, which the binding needs; one thread, on the caller's.
      const found = usearch.exactSearch(rows.subarray(0, size * dimensions), scratch, dimensions, wanted, usearch.MetricKind.IP, 1) as { keys: BigUint64Array; distances: Float32Array };
      const matches: VectorMatch[] = [];
      for (let position = 0; position < found.keys.length; position++) {
        matches.push({ id: slotIds[Number(found.keys[position])] as number, similarity: clampSimilarity(1 - (found.distances[position] as number)) });
      }
      return matches;
    },
  };
}

function scan(options: { rows: Float32Array; slotIds: Float64Array; size: number; dimensions: number; query: Float32Array; limit: number }): VectorMatch[] {
  const { rows, slotIds, size, dimensions, query, limit } = options;
  // Best `limit` so far, sorted by descending similarity (limit is small: insertion beats a heap).
  const bestSlots = new Int32Array(limit);
  const bestScores = new Float64Array(limit).fill(Number.NEGATIVE_INFINITY);
  const unrolled = dimensions - (dimensions % 4);
  for (let slot = 0, offset = 0; slot < size; slot++, offset += dimensions) {
    let sum0 = 0;
    let sum1 = 0;
    let sum2 = 0;
    let sum3 = 0;
    let index = 0;
    for (; index < unrolled; index += 4) {
      sum0 += (rows[offset + index] as number) * (query[index] as number);
      sum1 += (rows[offset + index + 1] as number) * (query[index + 1] as number);
      sum2 += (rows[offset + index + 2] as number) * (query[index + 2] as number);
      sum3 += (rows[offset + index + 3] as number) * (query[index + 3] as number);
    }
    for (; index < dimensions; index++) sum0 += (rows[offset + index] as number) * (query[index] as number);
    const score = sum0 + sum1 + sum2 + sum3;
    if (score <= (bestScores[limit - 1] as number)) continue;
    let position = limit - 1;
    while (position > 0 && (bestScores[position - 1] as number) < score) {
      bestScores[position] = bestScores[position - 1] as number;
      bestSlots[position] = bestSlots[position - 1] as number;
      position--;
    }
    bestScores[position] = score;
    bestSlots[position] = slot;
  }
  const matches: VectorMatch[] = [];
  for (let position = 0; position < limit; position++) {
    matches.push({ id: slotIds[bestSlots[position] as number] as number, similarity: clampSimilarity(bestScores[position] as number) });
  }
  return matches;
}

export function clampSimilarity(value: number): number {
  return value > 1 ? 1 : value < -1 ? -1 : value;
}
