import type { FinishReason } from '../../spec/index.js';

/**
 * Chat Completions finish reasons. Some compatible servers answer "stop" after tool calls; the
 * runtime needs to know tools are waiting, so calls emitted win over "stop".
 */
export function mapOpenAIFinishReason(raw: string | null | undefined, hasToolCalls: boolean): FinishReason {
  switch (raw) {
    case 'stop':
    case 'eos':
      return hasToolCalls ? 'tool-calls' : 'stop';
    case 'length':
    case 'model_length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    default:
      return hasToolCalls ? 'tool-calls' : 'other';
  }
}
