// Chat Completions payloads as providers really send them: lenient where OpenAI-compatible servers
// differ (missing `choices`, `null` instead of absent, usage in `x_groq`, arguments as an object,
// errors at the top level as vLLM sends them). Unknown fields pass through.

import { z } from 'zod';

const usageSchema = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
});
export type OpenAIUsage = z.infer<typeof usageSchema>;

export const openAIErrorSchema = z.looseObject({
  message: z.string().nullish(),
  type: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
});
export type OpenAIError = z.infer<typeof openAIErrorSchema>;

const argumentsSchema = z.union([z.string(), z.record(z.string(), z.unknown())]).nullish();

const toolCallDeltaSchema = z.looseObject({
  index: z.number().int().nonnegative().nullish(),
  id: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: argumentsSchema }).nullish(),
});
export type OpenAIToolCallDelta = z.infer<typeof toolCallDeltaSchema>;

export const chatCompletionChunkSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  /** "error" on vLLM's in-stream errors. */
  object: z.string().nullish(),
  message: z.string().nullish(),
  type: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().nullish(),
        delta: z
          .looseObject({
            content: z.string().nullish(),
            tool_calls: z.array(toolCallDeltaSchema).nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: usageSchema.nullish(),
  x_groq: z.looseObject({ usage: usageSchema.nullish() }).nullish(),
  error: openAIErrorSchema.nullish(),
});
export type ChatCompletionChunk = z.infer<typeof chatCompletionChunkSchema>;

export const chatCompletionSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        message: z.looseObject({
          content: z.string().nullish(),
          tool_calls: z
            .array(
              z.looseObject({
                id: z.string().nullish(),
                function: z.looseObject({ name: z.string(), arguments: argumentsSchema }),
              }),
            )
            .nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: usageSchema.nullish(),
});
export type ChatCompletion = z.infer<typeof chatCompletionSchema>;

/** `{"error": {...}}` (OpenAI), `{"error": "text"}` (some servers) or vLLM's top-level error. */
export const errorResponseSchema = z.looseObject({
  error: z.union([openAIErrorSchema, z.string()]).nullish(),
  message: z.string().nullish(),
  type: z.string().nullish(),
});

/** Arguments as text, whichever form the server used. */
export function argumentsText(value: string | Record<string, unknown> | null | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function toModelUsage(usage: OpenAIUsage | null | undefined): { inputTokens: number; outputTokens: number } {
  return { inputTokens: usage?.prompt_tokens ?? 0, outputTokens: usage?.completion_tokens ?? 0 };
}
