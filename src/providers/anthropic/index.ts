export { AnthropicLanguageModel, type AnthropicModelConfig } from './anthropic-language-model.js';
export { createAnthropic, type AnthropicOptions, type AnthropicProvider } from './anthropic-provider.js';
export { convertToAnthropicMessages, type AnthropicContentBlock, type AnthropicMessage } from './convert-messages.js';
export { prepareAnthropicTools, type AnthropicTool, type AnthropicToolChoice } from './convert-tools.js';
export { mapAnthropicStatusError, mapAnthropicStreamError } from './map-error.js';
export { mapAnthropicStopReason } from './map-stop-reason.js';
export { AnthropicStreamParser } from './stream-parser.js';
