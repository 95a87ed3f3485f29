// Chat Completions bytes for scripted test servers: answers encoded the way OpenAI streams them
// (role chunk, content pieces, tool-call deltas with id and name on the first only, finish chunk,
// usage chunk with empty choices, [DONE]), and requests decoded into the contract's neutral form.

import type { ContractAnswer, ReceivedCall, ReceivedMessage } from '../../contracts/language-model-contract.js';

const sse = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

/** Splits text into pieces of about `size` characters, the way tokens arrive. */
export function pieces(text: string, size = 6): string[] {
  const result: string[] = [];
  for (let index = 0; index < text.length; index += size) result.push(text.slice(index, index + size));
  return result;
}

export function openAIStream(answer: ContractAnswer, model: string): string {
  const base = { id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: 1733159212, model };
  const chunk = (delta: unknown, finishReason: string | null = null) =>
    sse({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
  let text = chunk({ role: 'assistant', content: '' });
  const words = answer.type === 'text' ? answer.text : (answer.text ?? '');
  for (const piece of pieces(words)) text += chunk({ content: piece });
  if (answer.type === 'tool-calls') {
    answer.calls.forEach((call, index) => {
      text += chunk({ tool_calls: [{ index, id: `call_scripted_${index}`, type: 'function', function: { name: call.name, arguments: '' } }] });
      for (const piece of pieces(call.arguments, 8)) text += chunk({ tool_calls: [{ index, function: { arguments: piece } }] });
    });
  }
  const finishReason = answer.type === 'tool-calls' ? 'tool_calls' : (answer.finishReason ?? 'stop');
  text += chunk({}, finishReason);
  text += sse({ ...base, choices: [], usage: { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 } });
  return `${text}data: [DONE]\n\n`;
}

export function openAICompletion(answer: ContractAnswer, model: string): unknown {
  const toolCalls =
    answer.type === 'tool-calls'
      ? answer.calls.map((call, index) => ({ id: `call_scripted_${index}`, type: 'function', function: { name: call.name, arguments: call.arguments } }))
      : undefined;
  return {
    id: 'chatcmpl-scripted',
    object: 'chat.completion',
    created: 1733159212,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answer.type === 'text' ? answer.text : (answer.text ?? null), ...(toolCalls ? { tool_calls: toolCalls } : {}) },
        finish_reason: answer.type === 'tool-calls' ? 'tool_calls' : (answer.finishReason ?? 'stop'),
      },
    ],
    usage: { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 },
  };
}

export function openAIErrorBody(message: string, type: string): unknown {
  return { error: { message, type, param: null, code: null } };
}

interface OpenAIRequestMessage {
  role: string;
  content?: string | null;
  tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
}

export function decodeOpenAIRequest(body: unknown): ReceivedCall {
  const request = body as { messages: OpenAIRequestMessage[]; tools?: Array<{ function: { name: string } }> };
  const messages = request.messages.map((message): ReceivedMessage => {
    switch (message.role) {
      case 'system':
        return { role: 'system', text: message.content ?? '' };
      case 'assistant':
        return {
          role: 'assistant',
          text: message.content ?? '',
          toolCalls: (message.tool_calls ?? []).map((call) => ({ id: call.id, name: call.function.name, arguments: call.function.arguments })),
        };
      case 'tool':
        return { role: 'tool', toolCallId: message.tool_call_id ?? '', content: message.content ?? '' };
      default:
        return { role: 'user', text: message.content ?? '' };
    }
  });
  return { messages, toolNames: (request.tools ?? []).map((tool) => tool.function.name) };
}
