export { createBatchedEmbeddingModel, type BatchedEmbeddingModel, type BatchedEmbeddingModelOptions } from './batched-embedding-model.js';
export { LruMap } from './lru-map.js';
export { normalizeVector } from './normalize-vector.js';
export {
  createUniversalSentenceEncoder,
  type UniversalSentenceEncoder,
  type UniversalSentenceEncoderOptions,
} from './universal-sentence-encoder.js';
