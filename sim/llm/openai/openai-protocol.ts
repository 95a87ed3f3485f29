import type { LlmProtocol, ParseResult } from '../llm-protocol.js';
import { describeFirstIssue } from '../request-validation.js';
import { chatCompletionBody } from './chat-completion-body.js';
import { createChatCompletionStreamEncoder } from './chat-completion-stream-encoder.js';
import { chatRequestSchema } from './chat-request-schema.js';
import { openAiErrorResponse } from './openai-error-response.js';
import { toLlmRequest } from './to-llm-request.js';

/** OpenAI Chat Completions: `POST /v1/chat/completions`. */
export const openAiProtocol: LlmProtocol = {
  name: 'openai',
  toolCallIdPrefix: 'call_',
  responseIdPrefix: 'chatcmpl-',
  parseRequest(body: unknown): ParseResult {
    const parsed = chatRequestSchema.safeParse(body);
    if (parsed.success) return { ok: true, request: toLlmRequest(parsed.data) };
    const { param, missing, problem } = describeFirstIssue(parsed.error, body);
    const message = missing ? `Missing required parameter: '${param}'.` : `Invalid value for '${param}': ${problem}.`;
    return { ok: false, error: { kind: 'invalid-request', message, param } };
  },
  errorResponse: openAiErrorResponse,
  completionBody: chatCompletionBody,
  createStreamEncoder: createChatCompletionStreamEncoder,
};
