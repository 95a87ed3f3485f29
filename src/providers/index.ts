// Public API of the model provider adapters.
export {
  createOpenAICompatible,
  OpenAICompatibleLanguageModel,
  type OpenAICompatibleOptions,
  type OpenAICompatibleProvider,
} from './openai-compatible/index.js';
export { getModelCallTimings, parseRetryAfterMs, statusErrorCode, type ModelCallTimings } from './shared/index.js';
