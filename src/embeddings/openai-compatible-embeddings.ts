// An EmbeddingModel for any OpenAI-compatible `POST {baseURL}/embeddings` endpoint (OpenAI, vLLM,
// Ollama, LiteLLM, TEI...). Calls go through hotpath's pooled HTTP client, with retries on 429/5xx that
// honour Retry-After, and through createBatchedEmbeddingModel, so concurrent requests share one call
// and repeats are free. Vectors are L2-normalised here because not every server normalises.

import { z } from 'zod';
import type { EmbeddingModel } from '../spec/index.js';
import { createHttpClient, HotpathError, retry, type HttpClient } from '../util/index.js';
import type { Dispatcher } from 'undici';
import { createBatchedEmbeddingModel } from './batched-embedding-model.js';
import { embeddingsResponseSchema } from './embeddings-response-schema.js';
import { mapHttpStatusError } from './map-http-status-error.js';
import { normalizeVector } from './normalize-vector.js';

export interface OpenAICompatibleEmbeddingsOptions {
  /** Up to the version segment, e.g. "https://api.openai.com/v1". */
  baseURL: string;
  apiKey?: string;
  modelId: string;
  /** Requested output size (sent as `dimensions`); when omitted, learned from the first response. */
  dimensions?: number;
  /** undici dispatcher for every request (tests, proxies); otherwise a pooled client of its own. */
  dispatcher?: Dispatcher;
  /** A shared pooled HTTP client; `close()` leaves it open. */
  http?: HttpClient;
  headers?: Record<string, string>;
  /** Texts per HTTP request. Default 256. */
  maxBatchSize?: number;
  /** Default 2 ms. */
  batchWindowMs?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Recent texts whose vectors are kept. Default 10,000. */
  cacheSize?: number;
  /** Time allowed until response headers, per attempt. Default 10 s. */
  timeoutMs?: number;
  /** Attempts after the first on retryable failures. Default 2. */
  maxRetries?: number;
}

export interface OpenAICompatibleEmbeddings extends EmbeddingModel {
  stats(): { texts: number; cacheHits: number; batches: number; batchedTexts: number };
  /** Closes the HTTP client it created (not a shared one). */
  close(): Promise<void>;
}

const optionsSchema = z.object({
  baseURL: z.url({ protocol: /^https?$/ }),
  modelId: z.string().min(1),
  dimensions: z.number().int().positive().optional(),
  timeoutMs: z.number().int().positive().optional(),
  maxRetries: z.number().int().nonnegative().optional(),
});

export function createOpenAICompatibleEmbeddings(options: OpenAICompatibleEmbeddingsOptions): OpenAICompatibleEmbeddings {
  const checked = optionsSchema.safeParse(options);
  if (!checked.success) {
    const option = checked.error.issues[0]?.path.join('.') ?? 'options';
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `openai-compatible embeddings: ${option}: ${checked.error.issues[0]?.message}`, { details: { option } });
  }
  const { modelId, apiKey, timeoutMs = 10_000, maxRetries = 2 } = options;
  const url = `${options.baseURL.replace(/\/+$/, '')}/embeddings`;
  const what = `embeddings ${modelId} at ${url}`;
  const ownsHttp = options.http === undefined;
  const http = options.http ?? createHttpClient(options.dispatcher ? { dispatcher: options.dispatcher } : {});
  const headers: Record<string, string> = { ...options.headers, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
  let dimensions = options.dimensions ?? 0;

  const requestOnce = async (texts: string[]): Promise<Float32Array[]> => {
    const response = await http.request({
      url,
      headers,
      json: { model: modelId, input: texts, encoding_format: 'float', ...(options.dimensions ? { dimensions: options.dimensions } : {}) },
      timeoutMs,
    });
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw mapHttpStatusError({ statusCode: response.statusCode, headers: response.headers, body: await response.text(), what });
    }
    const parsed = embeddingsResponseSchema.safeParse(await response.json());
    if (!parsed.success) {
      throw new HotpathError('HOTPATH_PROVIDER_BAD_RESPONSE', `${what}: unexpected response: ${z.prettifyError(parsed.error)}`);
    }
    const vectors: Float32Array[] = new Array<Float32Array>(texts.length);
    for (const item of parsed.data.data) {
      if (item.index >= texts.length) throw new HotpathError('HOTPATH_PROVIDER_BAD_RESPONSE', `${what}: embedding index ${item.index} for ${texts.length} inputs`);
      vectors[item.index] = normalizeVector(item.embedding);
    }
    for (let index = 0; index < texts.length; index++) {
      const vector = vectors[index];
      if (!vector) throw new HotpathError('HOTPATH_PROVIDER_BAD_RESPONSE', `${what}: no embedding for input ${index} of ${texts.length}`);
      if (dimensions === 0) dimensions = vector.length;
      if (vector.length !== dimensions) {
        throw new HotpathError('HOTPATH_PROVIDER_BAD_RESPONSE', `${what}: embedding ${index} has ${vector.length} dimensions, expected ${dimensions}`);
      }
    }
    return vectors;
  };

  const model = createBatchedEmbeddingModel({
    modelId,
    dimensions,
    embedBatch: (texts) => retry(() => requestOnce(texts), { retries: maxRetries }),
    maxBatchSize: options.maxBatchSize ?? 256,
    batchWindowMs: options.batchWindowMs,
    concurrency: options.concurrency ?? 4,
    cacheSize: options.cacheSize,
  });

  return {
    modelId,
    get dimensions() {
      return dimensions;
    },
    embed: (texts, callOptions) => model.embed(texts, callOptions),
    stats: () => model.stats(),
    async close() {
      if (ownsHttp) await http.close();
    },
  };
}
