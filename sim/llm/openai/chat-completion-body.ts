import type { OutputPlan, PlannedFinishReason } from '../output-plan.js';
import type { ResponseContext } from '../llm-protocol.js';

export type ChatFinishReason = 'stop' | 'tool_calls' | 'length';

export function chatFinishReason(reason: PlannedFinishReason): ChatFinishReason {
  return reason === 'tool-calls' ? 'tool_calls' : reason;
}

export function chatUsage(plan: OutputPlan, context: ResponseContext) {
  return {
    prompt_tokens: context.inputTokens,
    completion_tokens: plan.outputTokens,
    total_tokens: context.inputTokens + plan.outputTokens,
  };
}

/** A non-streaming `chat.completion` object. */
export function chatCompletionBody(plan: OutputPlan, context: ResponseContext) {
  const toolCalls = plan.toolCalls.map((call) => ({
    id: call.id,
    type: 'function' as const,
    function: { name: call.name, arguments: call.arguments },
  }));
  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    choices: [{
      index: 0,
      message: {
        role: 'assistant',
        // Like the real API: null content when the model only calls tools.
        content: plan.text === '' && toolCalls.length > 0 ? null : plan.text,
        refusal: null,
        ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
      },
      logprobs: null,
      finish_reason: chatFinishReason(plan.finishReason),
    }],
    usage: chatUsage(plan, context),
    system_fingerprint: null,
  };
}
