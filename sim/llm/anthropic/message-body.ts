import type { OutputPlan, PlannedFinishReason, PlannedToolCall } from '../output-plan.js';
import type { ResponseContext } from '../llm-protocol.js';

export type AnthropicStopReason = 'end_turn' | 'tool_use' | 'max_tokens';

export function anthropicStopReason(reason: PlannedFinishReason): AnthropicStopReason {
  return reason === 'tool-calls' ? 'tool_use' : reason === 'length' ? 'max_tokens' : 'end_turn';
}

/** A non-streaming `message` object. */
export function messageBody(plan: OutputPlan, context: ResponseContext) {
  const content: unknown[] = [];
  if (plan.text !== '' || plan.toolCalls.length === 0) content.push({ type: 'text', text: plan.text });
  // A tool_use block needs a whole input object: one cut short by max_tokens is left out.
  for (const call of plan.toolCalls) {
    if (call.complete) content.push({ type: 'tool_use', id: call.id, name: call.name, input: toolInput(call) });
  }
  return {
    id: context.id,
    type: 'message',
    role: 'assistant',
    model: context.model,
    content,
    stop_reason: anthropicStopReason(plan.finishReason),
    stop_sequence: null,
    usage: { input_tokens: context.inputTokens, output_tokens: plan.outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

function toolInput(call: PlannedToolCall): unknown {
  try {
    const input: unknown = JSON.parse(call.arguments);
    return input !== null && typeof input === 'object' && !Array.isArray(input) ? input : {};
  } catch {
    return {};
  }
}
