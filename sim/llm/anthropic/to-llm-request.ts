import type { BrainMessage, BrainToolSpec } from '../../brain/index.js';
import { callableTools, nameToolResults } from '../conversation.js';
import type { LlmRequest } from '../llm-protocol.js';
import type { AnthropicMessage, MessagesRequest } from './messages-request-schema.js';

/** An Anthropic Messages request in the brain's neutral form. */
export function toLlmRequest(request: MessagesRequest): LlmRequest {
  const tools: BrainToolSpec[] = (request.tools ?? []).map((declared) => ({
    name: declared.name,
    ...(declared.description !== undefined && { description: declared.description }),
    ...(declared.input_schema !== undefined && { parameters: declared.input_schema }),
  }));
  const messages: BrainMessage[] = [];
  const system = typeof request.system === 'string' ? request.system : (request.system ?? []).map((block) => block.text).join('\n');
  if (system !== '') messages.push({ role: 'system', text: system });
  for (const message of request.messages) messages.push(...toBrainMessages(message));
  const choice = request.tool_choice;
  return {
    model: request.model,
    stream: request.stream === true,
    messages: nameToolResults(messages),
    tools,
    callableTools: callableTools(tools, {
      none: choice?.type === 'none',
      ...(choice?.type === 'tool' && { name: choice.name }),
    }),
    maxTokens: request.max_tokens,
    parallelToolCalls: !(choice && 'disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use === true),
    includeUsage: true,
  };
}

/** One Anthropic message; a user turn carrying tool results becomes one tool message per result. */
function toBrainMessages(message: AnthropicMessage): BrainMessage[] {
  if (typeof message.content === 'string') {
    return [message.role === 'user' ? { role: 'user', text: message.content } : { role: 'assistant', text: message.content, toolCalls: [] }];
  }
  let text = '';
  const results: BrainMessage[] = [];
  const toolCalls: Array<{ id: string; name: string; arguments: string }> = [];
  for (const block of message.content) {
    if (block.type === 'text') text += block.text;
    else if (block.type === 'tool_use') toolCalls.push({ id: block.id, name: block.name, arguments: JSON.stringify(block.input) });
    else if (block.type === 'tool_result') {
      const content = typeof block.content === 'string'
        ? block.content
        : (block.content ?? []).map((part) => part.text ?? '').join('');
      results.push({ role: 'tool', toolCallId: block.tool_use_id, content, ...(block.is_error === true && { isError: true }) });
    }
  }
  if (message.role === 'assistant') return [{ role: 'assistant', text, toolCalls }];
  return text === '' && results.length > 0 ? results : [...results, { role: 'user', text }];
}
