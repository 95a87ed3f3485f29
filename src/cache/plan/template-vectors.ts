// Embeddings of request templates ("what's the status of {id}"), for finding a known pattern's
// paraphrases. Templates repeat far more than requests do, so each is embedded once and kept in an
// LRU; concurrent asks for a new template share one embedding call, and a failed call is forgotten.

import type { EmbeddingModel } from '../../spec/index.js';
import { HotpathError } from '../../util/index.js';

export interface TemplateVectorsOptions {
  embeddings: EmbeddingModel;
  /** Templates whose vectors are kept. Default 4,096. */
  maxEntries?: number;
}

export interface TemplateVectors {
  /** The vector when it is known already (no promise, no embedding call). */
  peek(template: string): Float32Array | undefined;
  /** The template's vector, embedded at most once while it stays in the LRU. */
  vector(template: string): Promise<Float32Array>;
  stats(): { templates: number; hits: number; embedded: number; failed: number };
}

export function createTemplateVectors(options: TemplateVectorsOptions): TemplateVectors {
  if (typeof options?.embeddings?.embed !== 'function') {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', 'createTemplateVectors: option "embeddings" must be an EmbeddingModel', { details: { option: 'embeddings' } });
  }
  const maxEntries = options.maxEntries ?? 4_096;
  if (!(Number.isInteger(maxEntries) && maxEntries > 0)) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `createTemplateVectors: option "maxEntries" must be a positive integer (got ${String(maxEntries)})`, { details: { option: 'maxEntries' } });
  }
  const { embeddings } = options;
  // Insertion order is recency order: a use re-inserts.
  const known = new Map<string, Float32Array | Promise<Float32Array>>();
  const counters = { hits: 0, embedded: 0, failed: 0 };
  const remember = (template: string, value: Float32Array | Promise<Float32Array>) => {
    known.delete(template);
    known.set(template, value);
    if (known.size > maxEntries) known.delete(known.keys().next().value as string);
  };
  const recall = (template: string) => {
    const value = known.get(template);
    if (value !== undefined) remember(template, value);
    return value;
  };

  return {
    peek(template) {
      const value = recall(template);
      return value instanceof Float32Array ? value : undefined;
    },
    vector(template) {
      const value = recall(template);
      if (value !== undefined) {
        counters.hits++;
        return value instanceof Float32Array ? Promise.resolve(value) : value;
      }
      counters.embedded++;
      const pending = embeddings.embed([template]).then(
        ([vector]) => {
          if (!vector) throw new HotpathError('HOTPATH_INTERNAL', `the embedding model ${embeddings.modelId} returned no vector`);
          if (known.has(template)) remember(template, vector);
          return vector;
        },
        (error: unknown) => {
          counters.failed++;
          // Not remembered: the next request of the template tries again.
          if (known.get(template) === pending) known.delete(template);
          throw error;
        },
      );
      remember(template, pending);
      return pending;
    },
    stats: () => ({ templates: known.size, ...counters }),
  };
}
