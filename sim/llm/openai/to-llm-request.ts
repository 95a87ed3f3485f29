import type { BrainMessage, BrainToolSpec } from '../../brain/index.js';
import { callableTools, nameToolResults } from '../conversation.js';
import type { LlmRequest } from '../llm-protocol.js';
import type { ChatContent, ChatMessage, ChatRequest } from './chat-request-schema.js';

/** An OpenAI Chat Completions request in the brain's neutral form. */
export function toLlmRequest(request: ChatRequest): LlmRequest {
  const tools: BrainToolSpec[] = (request.tools ?? []).map(({ function: declared }) => ({
    name: declared.name,
    ...(declared.description !== undefined && { description: declared.description }),
    ...(declared.parameters !== undefined && { parameters: declared.parameters }),
  }));
  const choice = request.tool_choice;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  return {
    model: request.model,
    stream: request.stream === true,
    messages: nameToolResults(request.messages.map(toBrainMessage)),
    tools,
    callableTools: callableTools(tools, {
      none: choice === 'none',
      ...(typeof choice === 'object' && choice !== null && { name: choice.function.name }),
    }),
    ...(maxTokens !== undefined && { maxTokens }),
    parallelToolCalls: request.parallel_tool_calls !== false,
    includeUsage: request.stream_options?.include_usage === true,
  };
}

function toBrainMessage(message: ChatMessage): BrainMessage {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', text: contentText(message.content) };
    case 'user':
      return { role: 'user', text: contentText(message.content) };
    case 'assistant':
      return {
        role: 'assistant',
        text: contentText(message.content ?? ''),
        toolCalls: (message.tool_calls ?? []).map((call) => ({ id: call.id, name: call.function.name, arguments: call.function.arguments })),
      };
    case 'tool':
      return { role: 'tool', toolCallId: message.tool_call_id, content: contentText(message.content) };
  }
}

function contentText(content: ChatContent): string {
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' ? part.text ?? '' : '')).join('');
}
