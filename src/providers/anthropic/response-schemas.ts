// Messages API payloads (streaming events and the non-streaming message), lenient about fields
// Anthropic adds over time. Unknown event types are tolerated by the parser, per Anthropic's
// versioning policy.

import { z } from 'zod';

export const anthropicUsageSchema = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
});
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;

export const anthropicErrorSchema = z.looseObject({
  type: z.string().nullish(),
  message: z.string().nullish(),
});
export type AnthropicError = z.infer<typeof anthropicErrorSchema>;

const contentBlockSchema = z.looseObject({
  type: z.string(),
  text: z.string().nullish(),
  id: z.string().nullish(),
  name: z.string().nullish(),
  input: z.unknown().optional(),
});

export const anthropicStreamEventSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('message_start'),
    message: z.looseObject({ id: z.string().nullish(), model: z.string().nullish(), usage: anthropicUsageSchema.nullish() }),
  }),
  z.looseObject({ type: z.literal('content_block_start'), index: z.number().int(), content_block: contentBlockSchema }),
  z.looseObject({
    type: z.literal('content_block_delta'),
    index: z.number().int(),
    delta: z.looseObject({ type: z.string(), text: z.string().nullish(), partial_json: z.string().nullish() }),
  }),
  z.looseObject({ type: z.literal('content_block_stop'), index: z.number().int() }),
  z.looseObject({
    type: z.literal('message_delta'),
    delta: z.looseObject({ stop_reason: z.string().nullish() }),
    usage: anthropicUsageSchema.nullish(),
  }),
  z.looseObject({ type: z.literal('message_stop') }),
  z.looseObject({ type: z.literal('ping') }),
  z.looseObject({ type: z.literal('error'), error: anthropicErrorSchema }),
]);
export type AnthropicStreamEvent = z.infer<typeof anthropicStreamEventSchema>;

export const anthropicMessageSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  content: z.array(contentBlockSchema),
  stop_reason: z.string().nullish(),
  usage: anthropicUsageSchema.nullish(),
});
export type AnthropicMessageResponse = z.infer<typeof anthropicMessageSchema>;

export const anthropicErrorResponseSchema = z.looseObject({ error: anthropicErrorSchema.nullish() });

/** Cache reads and writes are input the model processed too. */
export function toModelUsage(usage: AnthropicUsage | null | undefined): { inputTokens: number; outputTokens: number } {
  return {
    inputTokens: (usage?.input_tokens ?? 0) + (usage?.cache_creation_input_tokens ?? 0) + (usage?.cache_read_input_tokens ?? 0),
    outputTokens: usage?.output_tokens ?? 0,
  };
}
