// The Messages streaming event sequence: message_start, then per content block
// content_block_start / content_block_delta... / content_block_stop (a ping after the first
// block starts, as the real API sends), then message_delta with the stop reason and usage, and
// message_stop.

import type { ResponseContext, StreamEncoder } from '../llm-protocol.js';
import type { OutputPlan, OutputUnit } from '../output-plan.js';
import { anthropicStopReason } from './message-body.js';

export function createMessageStreamEncoder(context: ResponseContext): StreamEncoder {
  let blockIndex = -1;
  let openBlock: 'text' | 'tool_use' | undefined;
  let pinged = false;

  const event = (type: string, data: unknown) => `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
  const stopBlock = () => {
    if (openBlock === undefined) return '';
    openBlock = undefined;
    return event('content_block_stop', { type: 'content_block_stop', index: blockIndex });
  };
  const startBlock = (kind: 'text' | 'tool_use', block: unknown) => {
    let text = stopBlock();
    blockIndex++;
    openBlock = kind;
    text += event('content_block_start', { type: 'content_block_start', index: blockIndex, content_block: block });
    if (!pinged) {
      pinged = true;
      text += event('ping', { type: 'ping' });
    }
    return text;
  };
  const delta = (data: unknown) => event('content_block_delta', { type: 'content_block_delta', index: blockIndex, delta: data });

  return {
    start() {
      return event('message_start', {
        type: 'message_start',
        message: {
          id: context.id,
          type: 'message',
          role: 'assistant',
          model: context.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: context.inputTokens, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
        },
      });
    },
    units(batch: readonly OutputUnit[]) {
      let text = '';
      for (const unit of batch) {
        if (unit.kind === 'text') {
          if (openBlock !== 'text') text += startBlock('text', { type: 'text', text: '' });
          text += delta({ type: 'text_delta', text: unit.text });
        } else if (unit.kind === 'tool-call-start') {
          text += startBlock('tool_use', { type: 'tool_use', id: unit.id, name: unit.name, input: {} });
          text += delta({ type: 'input_json_delta', partial_json: '' });
        } else {
          text += delta({ type: 'input_json_delta', partial_json: unit.text });
        }
      }
      return text;
    },
    finish(plan: OutputPlan) {
      let text = stopBlock();
      if (!pinged) text += event('ping', { type: 'ping' });
      text += event('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: anthropicStopReason(plan.finishReason), stop_sequence: null },
        usage: { output_tokens: plan.outputTokens },
      });
      return text + event('message_stop', { type: 'message_stop' });
    },
  };
}
