// Public API of the model provider adapters.
export {
  AnthropicLanguageModel,
  createAnthropic,
  type AnthropicOptions,
  type AnthropicProvider,
} from './anthropic/index.js';
export {
  createOpenAICompatible,
  OpenAICompatibleLanguageModel,
  type OpenAICompatibleOptions,
  type OpenAICompatibleProvider,
} from './openai-compatible/index.js';
export {
  getModelCallTimings,
  parseRetryAfterMs,
  statusErrorCode,
  type ModelCallTimings,
  type ModelWarmUpOptions,
} from './shared/index.js';
