// A Chat Completions request in hotpath's own terms (ModelMessage, tool declarations, tool choice),
// for the agents and for providers that speak another protocol. Only text content converts; other
// parts are refused with the field that holds them.

import type { ModelCallOptions, ModelMessage, ModelToolChoice, ModelToolDeclaration } from '../../spec/index.js';
import { badRequest } from '../http/gateway-http-error.js';
import type { ChatMessage, ChatRequest } from './chat-request.js';

export function contentText(content: ChatMessage['content'], field: string): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content
    .map((part, index) => {
      const partText = (part as { text?: unknown }).text;
      if (part.type !== 'text' || typeof partText !== 'string') {
        throw badRequest(`${field}[${index}]: only text content is supported here (got a "${part.type}" part)`, `${field}[${index}]`);
      }
      return partText;
    })
    .join('');
}

export function toModelMessages(messages: readonly ChatMessage[]): ModelMessage[] {
  const toolNames = new Map<string, string>();
  return messages.map((message, index): ModelMessage => {
    const field = `messages[${index}].content`;
    switch (message.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content: contentText(message.content, field) };
      case 'user':
        return { role: 'user', content: contentText(message.content, field) };
      case 'assistant': {
        const calls = (message.tool_calls ?? []).map((call) => {
          toolNames.set(call.id, call.function.name);
          return { id: call.id, name: call.function.name, input: call.function.arguments };
        });
        return { role: 'assistant', content: contentText(message.content, field), ...(calls.length === 0 ? {} : { toolCalls: calls }) };
      }
      case 'tool': {
        const toolName = toolNames.get(message.tool_call_id);
        if (toolName === undefined) {
          throw badRequest(`messages[${index}].tool_call_id: "${message.tool_call_id}" answers no tool call of an earlier assistant message`, `messages[${index}].tool_call_id`);
        }
        return { role: 'tool', toolCallId: message.tool_call_id, toolName, content: contentText(message.content, field) };
      }
    }
  });
}

export function toToolDeclarations(tools: ChatRequest['tools']): ModelToolDeclaration[] {
  return (tools ?? []).map((tool) => ({
    name: tool.function.name,
    description: tool.function.description ?? '',
    inputSchema: tool.function.parameters ?? { type: 'object', properties: {} },
  }));
}

export function toToolChoice(choice: ChatRequest['tool_choice']): ModelToolChoice | undefined {
  if (choice === null || choice === undefined) return undefined;
  return typeof choice === 'string' ? choice : { toolName: choice.function.name };
}

/** Everything of a model call but the signal, deadline and headers. */
export function toModelCall(request: ChatRequest): Omit<ModelCallOptions, 'signal' | 'deadline' | 'headers'> {
  const tools = toToolDeclarations(request.tools);
  const toolChoice = toToolChoice(request.tool_choice);
  const maxOutputTokens = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  return {
    messages: toModelMessages(request.messages),
    ...(tools.length === 0 ? {} : { tools }),
    ...(toolChoice === undefined ? {} : { toolChoice }),
    ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
    ...(request.temperature === null || request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.user === null || request.user === undefined ? {} : { user: request.user }),
  };
}
