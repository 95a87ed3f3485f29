export { createExactVectorIndex, type ExactVectorIndex, type ExactVectorIndexOptions } from './exact-vector-index.js';
export {
  createHnswVectorIndex,
  defaultHnswOptions,
  type HnswQuantization,
  type HnswVectorIndex,
  type HnswVectorIndexOptions,
} from './hnsw-vector-index.js';
export { createVectorIndex, defaultExactBelow, type AutoVectorIndex, type VectorIndexMode, type VectorIndexOptions } from './vector-index.js';
