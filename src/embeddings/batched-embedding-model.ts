// The layer every embedding model sits behind: an LRU of recent texts (an exact repeat costs no model
// call), sharing of texts already on their way, and a micro-batcher that combines the texts of
// concurrent `embed()` calls arriving within `batchWindowMs` into one model call. While the model is
// busy (all `concurrency` batches in flight) new texts keep collecting, so batches grow under load.

import type { EmbeddingModel } from '../spec/index.js';
import { HotpathError } from '../util/index.js';
import { LruMap } from './lru-map.js';

export interface BatchedEmbeddingModelOptions {
  modelId: string;
  dimensions: number;
  /** One model call: returns one vector per text, in order. */
  embedBatch: (texts: string[]) => Promise<Float32Array[]>;
  /** How long the first text of a batch waits for company. Default 2 ms; 0 sends at the next tick. */
  batchWindowMs?: number;
  /** Most texts in one model call. Default 32. */
  maxBatchSize?: number;
  /** Model calls in flight at once. Default 1. */
  concurrency?: number;
  /** Recent texts whose vectors are kept. Default 10,000; 0 turns the cache off. */
  cacheSize?: number;
}

export interface BatchedEmbeddingModel extends EmbeddingModel {
  /** Counters for tests and metrics: texts asked for, served from cache, and model calls made. */
  stats(): { texts: number; cacheHits: number; batches: number; batchedTexts: number };
}

interface Waiting {
  promise: Promise<Float32Array>;
  resolve(vector: Float32Array): void;
  reject(error: unknown): void;
}

export function createBatchedEmbeddingModel(options: BatchedEmbeddingModelOptions): BatchedEmbeddingModel {
  const { modelId, dimensions, embedBatch } = options;
  const batchWindowMs = options.batchWindowMs ?? 2;
  const maxBatchSize = options.maxBatchSize ?? 32;
  const concurrency = options.concurrency ?? 1;
  const cacheSize = options.cacheSize ?? 10_000;
  checkNumber('batchWindowMs', batchWindowMs, 0);
  checkNumber('maxBatchSize', maxBatchSize, 1);
  checkNumber('concurrency', concurrency, 1);
  checkNumber('cacheSize', cacheSize, 0);

  const cache = new LruMap<string, Float32Array>(cacheSize);
  const waiting = new Map<string, Waiting>();
  let queued: string[] = [];
  let running = 0;
  let timer: NodeJS.Timeout | undefined;
  const counters = { texts: 0, cacheHits: 0, batches: 0, batchedTexts: 0 };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    while (queued.length > 0 && running < concurrency) {
      const batch = queued.slice(0, maxBatchSize);
      queued = queued.slice(batch.length);
      void runBatch(batch);
    }
  };

  const schedule = () => {
    if (running >= concurrency) return; // the finishing batch flushes
    if (queued.length >= maxBatchSize) flush();
    else timer ??= setTimeout(flush, batchWindowMs);
  };

  const runBatch = async (batch: string[]) => {
    running++;
    counters.batches++;
    counters.batchedTexts += batch.length;
    try {
      const vectors = await embedBatch(batch);
      if (vectors.length !== batch.length) {
        throw new HotpathError('HOTPATH_PROVIDER_BAD_RESPONSE', `${modelId} returned ${vectors.length} vectors for ${batch.length} texts`);
      }
      batch.forEach((text, index) => {
        const vector = vectors[index] as Float32Array;
        cache.set(text, vector);
        waiting.get(text)?.resolve(vector);
        waiting.delete(text);
      });
    } catch (error) {
      for (const text of batch) {
        waiting.get(text)?.reject(error);
        waiting.delete(text);
      }
    } finally {
      running--;
      // Texts that arrived while the model was busy have waited long enough.
      if (queued.length > 0) flush();
    }
  };

  const vectorFor = (text: string): Float32Array | Promise<Float32Array> => {
    const cached = cache.get(text);
    if (cached) {
      counters.cacheHits++;
      return cached;
    }
    const already = waiting.get(text);
    if (already) return already.promise;
    let resolve!: (vector: Float32Array) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<Float32Array>((onResolve, onReject) => {
      resolve = onResolve;
      reject = onReject;
    });
    // Callers that stop listening (abort) must not leave an unhandled rejection behind.
    promise.catch(() => undefined);
    waiting.set(text, { promise, resolve, reject });
    queued.push(text);
    schedule();
    return promise;
  };

  return {
    modelId,
    dimensions,
    stats: () => ({ ...counters }),
    async embed(texts, callOptions) {
      const signal = callOptions?.signal;
      if (signal?.aborted) throw abortError(signal);
      counters.texts += texts.length;
      const found = texts.map(vectorFor);
      // Copies: callers may scale or reuse the arrays; the cached vector must stay intact.
      if (found.every((entry) => entry instanceof Float32Array)) return (found as Float32Array[]).map((vector) => vector.slice());
      const all = Promise.all(found).then((vectors) => vectors.map((vector) => vector.slice()));
      return signal ? abortable(all, signal) : all;
    },
  };
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortError(signal: AbortSignal): unknown {
  return HotpathError.isInstance(signal.reason) ? signal.reason : new HotpathError('HOTPATH_ABORTED', 'embedding was aborted', { cause: signal.reason });
}

function checkNumber(option: string, value: number, minimum: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum || (option !== 'batchWindowMs' && !Number.isInteger(value))) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `${option} must be ${option === 'batchWindowMs' ? 'a number' : 'an integer'} ≥ ${minimum}, got ${String(value)}`, {
      details: { option },
    });
  }
}
