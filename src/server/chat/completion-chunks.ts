// The OpenAI Chat Completions wire shapes the gateway writes itself (for agents and for providers of
// another protocol): `chat.completion.chunk` events, the usage chunk, the final `[DONE]`, an error
// event for failures after the stream started, and the non-streaming `chat.completion` object.

import type { FinishReason, ModelUsage } from '../../spec/index.js';
import type { GatewayHttpError } from '../http/gateway-http-error.js';

export interface CompletionIdentity {
  id: string;
  /** Epoch seconds. */
  created: number;
  model: string;
}

export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function: { name?: string; arguments: string };
}

export interface ChunkDelta {
  role?: 'assistant';
  content?: string;
  tool_calls?: ToolCallDelta[];
}

export const doneEvent = 'data: [DONE]\n\n';

export function openAIFinishReason(reason: FinishReason): 'stop' | 'length' | 'tool_calls' | 'content_filter' {
  if (reason === 'length') return 'length';
  if (reason === 'tool-calls') return 'tool_calls';
  if (reason === 'content-filter') return 'content_filter';
  return 'stop';
}

export function usageBody(usage: ModelUsage) {
  return { prompt_tokens: usage.inputTokens, completion_tokens: usage.outputTokens, total_tokens: usage.inputTokens + usage.outputTokens };
}

/** One chunk event. `extension` goes in the `hotpath` field (progress, run id), never in content. */
export function chunkEvent(identity: CompletionIdentity, delta: ChunkDelta, finishReason: string | null = null, extension?: Record<string, unknown>): string {
  const body = {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(extension === undefined ? {} : { hotpath: extension }),
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}

/** The usage chunk of `stream_options.include_usage`: no choices, the usage of the whole answer. */
export function usageEvent(identity: CompletionIdentity, usage: ModelUsage): string {
  const body = { id: identity.id, object: 'chat.completion.chunk', created: identity.created, model: identity.model, choices: [], usage: usageBody(usage) };
  return `data: ${JSON.stringify(body)}\n\n`;
}

/** Ends a stream that failed after it started; `[DONE]` follows so no client waits forever. */
export function errorEvent(error: GatewayHttpError): string {
  return `data: ${JSON.stringify(error.toBody())}\n\n`;
}

export interface CompletionToolCall {
  id: string;
  name: string;
  arguments: string;
}

export function completionBody(options: {
  identity: CompletionIdentity;
  text: string;
  toolCalls: readonly CompletionToolCall[];
  finishReason: FinishReason;
  usage: ModelUsage;
  extension?: Record<string, unknown>;
}) {
  const { identity, text, toolCalls, finishReason, usage, extension } = options;
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text === '' && toolCalls.length > 0 ? null : text,
          refusal: null,
          ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })) }),
        },
        logprobs: null,
        finish_reason: openAIFinishReason(finishReason),
      },
    ],
    usage: usageBody(usage),
    ...(extension === undefined ? {} : { hotpath: extension }),
  };
}
