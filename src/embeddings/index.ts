export { createBatchedEmbeddingModel, type BatchedEmbeddingModel, type BatchedEmbeddingModelOptions } from './batched-embedding-model.js';
export { LruMap } from './lru-map.js';
export { normalizeVector } from './normalize-vector.js';
export {
  createUniversalSentenceEncoder,
  type UniversalSentenceEncoder,
  type UniversalSentenceEncoderOptions,
} from './universal-sentence-encoder.js';
export { embeddingsResponseSchema, type EmbeddingsResponse } from './embeddings-response-schema.js';
export { mapHttpStatusError } from './map-http-status-error.js';
export {
  createOpenAICompatibleEmbeddings,
  type OpenAICompatibleEmbeddings,
  type OpenAICompatibleEmbeddingsOptions,
} from './openai-compatible-embeddings.js';
