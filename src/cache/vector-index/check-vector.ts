// Argument checks shared by every index: they run once per add/search and name the problem, because a
// wrong-sized embedding (a model swapped without rebuilding the cache) is the likeliest caller mistake.

import { HotpathError } from '../../util/index.js';

/** Validates a numeric option at construction, naming it in the error. */
export function checkPositiveInteger(value: unknown, option: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `${option} must be a positive integer, got ${String(value)}`, { details: { option } });
  }
  return value;
}

export function checkId(id: unknown): number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
    throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `vector id must be a non-negative safe integer, got ${String(id)}`, { details: { id } });
  }
  return id;
}

export function checkVector(vector: unknown, dimensions: number, what: 'vector' | 'query'): Float32Array {
  if (!(vector instanceof Float32Array)) {
    throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `${what} must be a Float32Array`);
  }
  if (vector.length !== dimensions) {
    throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `${what} has ${vector.length} dimensions; the index holds ${dimensions}-dimensional vectors`, {
      details: { expected: dimensions, received: vector.length },
    });
  }
  return vector;
}

export function checkLimit(limit: unknown): number {
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
    throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `search limit must be a non-negative integer, got ${String(limit)}`);
  }
  return limit;
}

/** Writes `vector / |vector|` into `target` at `offset`; rejects zero and non-finite vectors. */
export function writeNormalized(options: { vector: Float32Array; target: Float32Array; offset: number; what: 'vector' | 'query' }): void {
  const { vector, target, offset, what } = options;
  let squared = 0;
  for (let index = 0; index < vector.length; index++) squared += (vector[index] as number) * (vector[index] as number);
  if (!Number.isFinite(squared) || squared === 0) {
    throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `${what} must have finite values and a non-zero length`);
  }
  const scale = 1 / Math.sqrt(squared);
  for (let index = 0; index < vector.length; index++) target[offset + index] = (vector[index] as number) * scale;
}
