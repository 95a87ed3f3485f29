// Messages API bytes for scripted test servers: answers encoded as Anthropic streams them (named
// events, a ping, content blocks with input_json_delta, message_delta usage, message_stop), and
// requests decoded into the contract's neutral form.

import type { ContractAnswer, ReceivedCall, ReceivedMessage } from '../../contracts/language-model-contract.js';
import { pieces } from './openai-wire.js';

const event = (name: string, value: unknown) => `event: ${name}\ndata: ${JSON.stringify(value)}\n\n`;

export function anthropicStream(answer: ContractAnswer, model: string): string {
  let text = event('message_start', {
    type: 'message_start',
    message: { id: 'msg_scripted', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 20, output_tokens: 1 } },
  });
  let index = 0;
  const words = answer.type === 'text' ? answer.text : (answer.text ?? '');
  if (words !== '') {
    text += event('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
    text += 'event: ping\ndata: {"type": "ping"}\n\n';
    for (const piece of pieces(words)) text += event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } });
    text += event('content_block_stop', { type: 'content_block_stop', index });
    index++;
  }
  if (answer.type === 'tool-calls') {
    answer.calls.forEach((call, callIndex) => {
      text += event('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: `toolu_scripted_${callIndex}`, name: call.name, input: {} },
      });
      for (const piece of ['', ...pieces(call.arguments, 8)]) {
        text += event('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } });
      }
      text += event('content_block_stop', { type: 'content_block_stop', index });
      index++;
    });
  }
  const stopReason = answer.type === 'tool-calls' ? 'tool_use' : answer.finishReason === 'length' ? 'max_tokens' : 'end_turn';
  text += event('message_delta', { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 10 } });
  return text + event('message_stop', { type: 'message_stop' });
}

export function anthropicMessage(answer: ContractAnswer, model: string): unknown {
  const words = answer.type === 'text' ? answer.text : (answer.text ?? '');
  return {
    id: 'msg_scripted',
    type: 'message',
    role: 'assistant',
    model,
    content: [
      ...(words === '' ? [] : [{ type: 'text', text: words }]),
      ...(answer.type === 'tool-calls'
        ? answer.calls.map((call, index) => ({ type: 'tool_use', id: `toolu_scripted_${index}`, name: call.name, input: JSON.parse(call.arguments) as unknown }))
        : []),
    ],
    stop_reason: answer.type === 'tool-calls' ? 'tool_use' : answer.finishReason === 'length' ? 'max_tokens' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 20, output_tokens: 10 },
  };
}

export function anthropicErrorBody(message: string, type: string): unknown {
  return { type: 'error', error: { type, message } };
}

type Block =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; tool_use_id: string; content: string };

export function decodeAnthropicRequest(body: unknown): ReceivedCall {
  const request = body as { system?: string; messages: Array<{ role: string; content: string | Block[] }>; tools?: Array<{ name: string }> };
  const messages: ReceivedMessage[] = request.system === undefined ? [] : [{ role: 'system', text: request.system }];
  for (const message of request.messages) {
    const blocks: Block[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    if (message.role === 'assistant') {
      messages.push({
        role: 'assistant',
        text: blocks.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join(''),
        toolCalls: blocks.flatMap((block) => (block.type === 'tool_use' ? [{ id: block.id, name: block.name, arguments: JSON.stringify(block.input) }] : [])),
      });
      continue;
    }
    for (const block of blocks) {
      if (block.type === 'tool_result') messages.push({ role: 'tool', toolCallId: block.tool_use_id, content: block.content });
      if (block.type === 'text') messages.push({ role: 'user', text: block.text });
    }
  }
  return { messages, toolNames: (request.tools ?? []).map((tool) => tool.name) };
}
