// createAnthropic: the Messages API behind one keep-alive pool, serving many model ids.

import { z } from 'zod';
import type { LanguageModel } from '../../spec/index.js';
import { HotpathError, type HttpClient } from '../../util/index.js';
import { commonProviderOptionsShape, parseProviderOptions, providerHttpClient, trimTrailingSlash } from '../shared/provider-options.js';
import { AnthropicLanguageModel } from './anthropic-language-model.js';

const optionsSchema = z.strictObject({
  ...commonProviderOptionsShape,
  /** Including the version path, e.g. "https://api.anthropic.com/v1". */
  baseURL: commonProviderOptionsShape.baseURL.default('https://api.anthropic.com/v1'),
  /** Provider name reported by its models. */
  name: z.string().min(1).default('anthropic'),
  apiKey: z.string().min(1).optional(),
  /** The `anthropic-version` header. */
  apiVersion: z.string().min(1).default('2023-06-01'),
  /** Beta features, sent in `anthropic-beta`. */
  betas: z.array(z.string().min(1)).optional(),
  defaultMaxTokens: z.number().int().positive().default(4096),
});

export type AnthropicOptions = z.input<typeof optionsSchema>;

export interface AnthropicProvider {
  readonly name: string;
  readonly http: HttpClient;
  languageModel(modelId: string): LanguageModel;
  /** Closes the provider's connections (not those of an injected client or dispatcher). */
  close(): Promise<void>;
}

export function createAnthropic(options: AnthropicOptions = {}): AnthropicProvider {
  const settings = parseProviderOptions('createAnthropic', optionsSchema, options);
  const { http, owned } = providerHttpClient({ factory: 'createAnthropic', ...settings });
  const headers: Record<string, string> = { 'anthropic-version': settings.apiVersion, ...settings.headers };
  if (settings.apiKey !== undefined) headers['x-api-key'] = settings.apiKey;
  if (settings.betas !== undefined && settings.betas.length > 0) headers['anthropic-beta'] = settings.betas.join(',');
  const config = Object.freeze({
    provider: settings.name,
    baseURL: trimTrailingSlash(settings.baseURL),
    headers: Object.freeze(headers),
    http,
    retries: settings.retries,
    timeoutMs: settings.timeoutMs,
    maxRetryAfterMs: settings.maxRetryAfterMs,
    defaultMaxTokens: settings.defaultMaxTokens,
  });
  return Object.freeze({
    name: settings.name,
    http,
    languageModel: (modelId: string) => {
      if (typeof modelId !== 'string' || modelId === '') {
        throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `${settings.name}: languageModel(modelId) needs a non-empty model id`);
      }
      return new AnthropicLanguageModel(modelId, config);
    },
    close: async () => {
      if (owned) await http.close();
    },
  });
}
