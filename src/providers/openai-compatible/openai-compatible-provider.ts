// createOpenAICompatible: one provider (one origin, one keep-alive pool) serving many model ids.

import { z } from 'zod';
import type { LanguageModel } from '../../spec/index.js';
import { HotpathError, type HttpClient } from '../../util/index.js';
import { commonProviderOptionsShape, parseProviderOptions, providerHttpClient, trimTrailingSlash } from '../shared/provider-options.js';
import { OpenAICompatibleLanguageModel } from './openai-compatible-language-model.js';

const optionsSchema = z.strictObject({
  ...commonProviderOptionsShape,
  /** Provider name reported by its models ("openai", "groq", "vllm-local"). */
  name: z.string().min(1),
  apiKey: z.string().min(1).optional(),
  /** "authorization" sends `Bearer <key>`; Azure OpenAI takes the key in an `api-key` header. */
  apiKeyHeader: z.enum(['authorization', 'api-key']).default('authorization'),
  /** Added to every request's query, e.g. `{ "api-version": "2024-10-21" }` for Azure OpenAI. */
  queryParams: z.record(z.string(), z.string()).optional(),
  /** Ask for the usage chunk at the end of streams (`stream_options.include_usage`). */
  includeUsage: z.boolean().default(true),
  /** Newer OpenAI models take `max_completion_tokens`; compatible servers take `max_tokens`. */
  maxTokensField: z.enum(['max_tokens', 'max_completion_tokens']).default('max_tokens'),
});

export type OpenAICompatibleOptions = z.input<typeof optionsSchema>;

export interface OpenAICompatibleProvider {
  readonly name: string;
  /** The pooled HTTP client (counters, warm). */
  readonly http: HttpClient;
  languageModel(modelId: string): LanguageModel;
  /** Closes the provider's connections (not those of an injected client or dispatcher). */
  close(): Promise<void>;
}

export function createOpenAICompatible(options: OpenAICompatibleOptions): OpenAICompatibleProvider {
  const settings = parseProviderOptions('createOpenAICompatible', optionsSchema, options);
  const { http, owned } = providerHttpClient({ factory: 'createOpenAICompatible', ...settings });
  const headers: Record<string, string> = { ...settings.headers };
  if (settings.apiKey !== undefined) {
    if (settings.apiKeyHeader === 'api-key') headers['api-key'] = settings.apiKey;
    else headers.authorization = `Bearer ${settings.apiKey}`;
  }
  const query = settings.queryParams === undefined ? '' : `?${new URLSearchParams(settings.queryParams).toString()}`;
  const config = Object.freeze({
    provider: settings.name,
    baseURL: trimTrailingSlash(settings.baseURL),
    query: query === '?' ? '' : query,
    headers: Object.freeze(headers),
    http,
    retries: settings.retries,
    timeoutMs: settings.timeoutMs,
    maxRetryAfterMs: settings.maxRetryAfterMs,
    includeUsage: settings.includeUsage,
    maxTokensField: settings.maxTokensField,
  });
  return Object.freeze({
    name: settings.name,
    http,
    languageModel: (modelId: string) => {
      if (typeof modelId !== 'string' || modelId === '') {
        throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `${settings.name}: languageModel(modelId) needs a non-empty model id`);
      }
      return new OpenAICompatibleLanguageModel(modelId, config);
    },
    close: async () => {
      if (owned) await http.close();
    },
  });
}
