import { requestIdHeader } from '../../sim/index.js';
import { HotpathError } from '../../src/index.js';
import type { HttpTransport } from './http-transport.js';

// A minimal non-streaming OpenAI Chat Completions call, for the baseline: no SDK, no retries.

export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface ChatToolDeclaration {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface ChatCompletionRequestOptions {
  baseUrl: string;
  model: string;
  messages: ChatMessage[];
  tools: ChatToolDeclaration[];
  requestId: string;
  signal: AbortSignal;
  transport: HttpTransport;
}

export interface ChatCompletionMessage {
  content: string | null;
  toolCalls: ChatToolCall[];
}

export async function chatCompletionRequest(options: ChatCompletionRequestOptions): Promise<ChatCompletionMessage> {
  const { baseUrl, model, messages, tools, requestId, signal, transport } = options;
  const response = await transport({
    url: `${baseUrl}/v1/chat/completions`,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: 'Bearer sim',
      [requestIdHeader]: requestId,
    },
    body: JSON.stringify({ model, messages, tools, stream: false }),
    signal,
  });
  if (response.status < 200 || response.status >= 300) {
    throw new HotpathError('HOTPATH_PROVIDER_ERROR', `chat completion failed with HTTP ${response.status}: ${response.text.slice(0, 300)}`, {
      statusCode: response.status,
    });
  }
  let body: { choices?: Array<{ message?: { content?: string | null; tool_calls?: ChatToolCall[] } }> };
  try {
    body = JSON.parse(response.text) as typeof body;
  } catch {
    throw new HotpathError('HOTPATH_PROVIDER_BAD_RESPONSE', `chat completion body is not JSON: ${response.text.slice(0, 200)}`);
  }
  const message = body.choices?.[0]?.message;
  if (message === undefined) throw new HotpathError('HOTPATH_PROVIDER_BAD_RESPONSE', 'chat completion without choices[0].message');
  return { content: message.content ?? null, toolCalls: message.tool_calls ?? [] };
}
