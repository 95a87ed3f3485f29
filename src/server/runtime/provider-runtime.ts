// One configured provider: its adapter (for agents, the router and protocol translation) and, for
// OpenAI-compatible providers, the keep-alive pool the pass-through proxy writes to directly. Both
// use the same pool, so warming it serves agents and proxied requests alike.

import type { Pool } from 'undici';
import type { ProviderConfig } from '../../config/index.js';
import { createAnthropic, createOpenAICompatible } from '../../providers/index.js';
import type { LanguageModel } from '../../spec/index.js';
import { createHttpClient, createTrackedPool, type HttpClient } from '../../util/index.js';

export interface PassThroughTarget {
  /** The provider's keep-alive pool (one origin). */
  pool: Pool;
  /** Path of chat completions, with the provider's query parameters. */
  chatCompletionsPath: string;
  /** Path of embeddings, with the provider's query parameters. */
  embeddingsPath: string;
  /** Headers every upstream request carries (credentials, configured headers). */
  headers: Readonly<Record<string, string>>;
}

export interface ProviderRuntime {
  readonly name: string;
  readonly type: ProviderConfig['type'];
  readonly config: ProviderConfig;
  /** Set for OpenAI-compatible providers: requests may be forwarded as they are. */
  readonly passThrough: PassThroughTarget | undefined;
  readonly http: HttpClient;
  languageModel(modelId: string): LanguageModel;
  /** Open connections to the provider now. */
  connectedSockets(): number;
  close(): Promise<void>;
}

export function createProviderRuntime(name: string, config: ProviderConfig): ProviderRuntime {
  const origin = new URL(config.baseURL).origin;
  const pool = createTrackedPool(origin, { connections: config.connections, counters: { opened: 0, failed: 0 }, keepAliveTimeoutMs: 60_000 });
  // The adapter's client uses that same pool for the provider's origin.
  const http = createHttpClient({ connections: config.connections, factory: () => pool });
  const common = {
    name,
    baseURL: config.baseURL,
    httpClient: http,
    retries: config.retries,
    ...(config.headers === undefined ? {} : { headers: config.headers }),
    ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
    ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
  };
  let passThrough: PassThroughTarget | undefined;
  let languageModel: (modelId: string) => LanguageModel;
  if (config.type === 'openai-compatible') {
    const provider = createOpenAICompatible({
      ...common,
      apiKeyHeader: config.apiKeyHeader,
      maxTokensField: config.maxTokensField,
      ...(config.queryParams === undefined ? {} : { queryParams: config.queryParams }),
    });
    languageModel = (modelId) => provider.languageModel(modelId);
    const basePath = new URL(config.baseURL).pathname.replace(/\/+$/, '');
    const query = config.queryParams === undefined ? '' : `?${new URLSearchParams(config.queryParams).toString()}`;
    const headers: Record<string, string> = { ...config.headers };
    if (config.apiKey !== undefined) {
      if (config.apiKeyHeader === 'api-key') headers['api-key'] = config.apiKey;
      else headers.authorization = `Bearer ${config.apiKey}`;
    }
    passThrough = Object.freeze({
      pool,
      chatCompletionsPath: `${basePath}/chat/completions${query}`,
      embeddingsPath: `${basePath}/embeddings${query}`,
      headers: Object.freeze(headers),
    });
  } else {
    const provider = createAnthropic({ ...common, apiVersion: config.apiVersion });
    languageModel = (modelId) => provider.languageModel(modelId);
  }
  const models = new Map<string, LanguageModel>();
  return {
    name,
    type: config.type,
    config,
    passThrough,
    http,
    languageModel(modelId) {
      let model = models.get(modelId);
      if (model === undefined) {
        model = languageModel(modelId);
        models.set(modelId, model);
      }
      return model;
    },
    connectedSockets: () => pool.stats.connected,
    close: () => http.close(),
  };
}
