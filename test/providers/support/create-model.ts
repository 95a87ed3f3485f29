import { createAnthropic, createOpenAICompatible, type AnthropicOptions, type OpenAICompatibleOptions } from '../../../src/providers/index.js';
import type { LanguageModel } from '../../../src/spec/index.js';
import type { WireProtocol } from './scripted-provider-server.js';

export type ProviderTuning = Partial<Pick<OpenAICompatibleOptions & AnthropicOptions, 'retries' | 'timeoutMs' | 'maxRetryAfterMs' | 'connections'>>;

/** A model of the protocol's adapter at `baseURL`, with its provider's close(). */
export function createModel(
  protocol: WireProtocol,
  baseURL: string,
  options: ProviderTuning & { modelId?: string } = {},
): { model: LanguageModel; close(): Promise<void>; counters(): { opened: number; running: number } } {
  const { modelId, ...tuning } = options;
  const provider =
    protocol === 'openai'
      ? createOpenAICompatible({ name: 'openai-test', baseURL, apiKey: 'sk-test', ...tuning })
      : createAnthropic({ name: 'anthropic-test', baseURL, apiKey: 'sk-ant-test', ...tuning });
  return {
    model: provider.languageModel(modelId ?? (protocol === 'openai' ? 'gpt-4o-mini' : 'claude-haiku-4-5')),
    close: () => provider.close(),
    counters: () => provider.http.counters(baseURL),
  };
}
