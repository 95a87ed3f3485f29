// `chat.completion.chunk` server-sent events. Every chunk shares its envelope, so the envelope is
// serialised once per response and only each delta per token.

import type { StreamEncoder, ResponseContext } from '../llm-protocol.js';
import type { OutputPlan, OutputUnit } from '../output-plan.js';
import { chatFinishReason, chatUsage } from './chat-completion-body.js';

export function createChatCompletionStreamEncoder(context: ResponseContext): StreamEncoder {
  const envelope = JSON.stringify({
    id: context.id,
    object: 'chat.completion.chunk',
    created: context.created,
    model: context.model,
    system_fingerprint: null,
  }).slice(0, -1);
  // With include_usage every chunk carries `usage: null` except the final usage chunk.
  const usageField = context.includeUsage ? ',"usage":null' : '';
  const chunk = (delta: unknown, finishReason: string | null = null) =>
    `data: ${envelope},"choices":[{"index":0,"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":${JSON.stringify(finishReason)}}]${usageField}}\n\n`;

  return {
    start(plan: OutputPlan) {
      // The real API opens with the role; content is "" for text answers and null for tool calls.
      return chunk({ role: 'assistant', content: plan.text === '' && plan.toolCalls.length > 0 ? null : '', refusal: null });
    },
    units(batch: readonly OutputUnit[]) {
      let text = '';
      for (const unit of batch) text += chunk(deltaOf(unit));
      return text;
    },
    finish(plan: OutputPlan) {
      let text = chunk({}, chatFinishReason(plan.finishReason));
      if (context.includeUsage) {
        text += `data: ${envelope},"choices":[],"usage":${JSON.stringify(chatUsage(plan, context))}}\n\n`;
      }
      return `${text}data: [DONE]\n\n`;
    },
  };
}

function deltaOf(unit: OutputUnit): unknown {
  switch (unit.kind) {
    case 'text':
      return { content: unit.text };
    case 'tool-call-start':
      // Every tool-call delta carries `index`; the first also `id` and `type` (clients key on them).
      return { tool_calls: [{ index: unit.index, id: unit.id, type: 'function', function: { name: unit.name, arguments: '' } }] };
    case 'tool-arguments':
      return { tool_calls: [{ index: unit.index, function: { arguments: unit.text } }] };
  }
}
