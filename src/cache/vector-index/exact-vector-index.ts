// Exact cosine search: one tight dot-product scan over a contiguous Float32Array of normalised rows.
// Below a few thousand entries this beats a graph index (no graph walk, no native call) and is always
// exact; removal moves the last row into the hole so the scan never skips holes.

import type { VectorIndex, VectorMatch } from '../../spec/index.js';
import { checkId, checkLimit, checkPositiveInteger, checkVector, writeNormalized } from './check-vector.js';

export interface ExactVectorIndexOptions {
  dimensions: number;
  /** Rows to allocate up front; the store doubles when full. */
  initialCapacity?: number;
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
      return scan({ rows, slotIds, size, dimensions, query: scratch, limit: Math.min(limit, size) });
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
