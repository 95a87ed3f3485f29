// The conversation in Messages API form: system text goes to the top-level `system` field, tool
// results become `tool_result` blocks, and consecutive turns of one role are merged (results of
// parallel calls travel together in one user message, as the API expects).

import type { ModelMessage } from '../../spec/index.js';

export type AnthropicContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; tool_use_id: string; content: string; is_error?: boolean };

export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: AnthropicContentBlock[];
}

export function convertToAnthropicMessages(messages: readonly ModelMessage[]): { system?: string; messages: AnthropicMessage[] } {
  const system: string[] = [];
  const converted: AnthropicMessage[] = [];
  const append = (role: AnthropicMessage['role'], blocks: AnthropicContentBlock[]) => {
    if (blocks.length === 0) return;
    const last = converted.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else converted.push({ role, content: blocks });
  };
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        system.push(message.content);
        break;
      case 'user':
        // The API rejects empty text blocks.
        append('user', message.content === '' ? [] : [{ type: 'text', text: message.content }]);
        break;
      case 'assistant':
        append('assistant', [
          ...(message.content === '' ? [] : [{ type: 'text' as const, text: message.content }]),
          ...(message.toolCalls ?? []).map((call) => ({ type: 'tool_use' as const, id: call.id, name: call.name, input: toolInput(call.input) })),
        ]);
        break;
      case 'tool':
        append('user', [
          { type: 'tool_result', tool_use_id: message.toolCallId, content: message.content, ...(message.isError ? { is_error: true } : {}) },
        ]);
        break;
    }
  }
  return { ...(system.length === 0 ? {} : { system: system.join('\n\n') }), messages: converted };
}

/** `tool_use.input` must be an object; arguments the model got wrong are sent back as an empty one. */
function toolInput(input: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(input);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
