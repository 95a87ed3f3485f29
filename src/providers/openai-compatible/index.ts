export { convertToOpenAIMessages, type OpenAIChatMessage, type OpenAIToolCall } from './convert-messages.js';
export { prepareOpenAITools, type OpenAIFunctionTool, type OpenAIToolChoice } from './convert-tools.js';
export { mapOpenAIStatusError, mapOpenAIStreamError } from './map-error.js';
export { mapOpenAIFinishReason } from './map-finish-reason.js';
export { OpenAICompatibleLanguageModel, type OpenAICompatibleModelConfig } from './openai-compatible-language-model.js';
export { createOpenAICompatible, type OpenAICompatibleOptions, type OpenAICompatibleProvider } from './openai-compatible-provider.js';
export { OpenAIStreamParser } from './stream-parser.js';
