import type { LlmProtocol, ParseResult } from '../llm-protocol.js';
import { describeFirstIssue } from '../request-validation.js';
import { anthropicErrorResponse } from './anthropic-error-response.js';
import { messageBody } from './message-body.js';
import { createMessageStreamEncoder } from './message-stream-encoder.js';
import { messagesRequestSchema } from './messages-request-schema.js';
import { toLlmRequest } from './to-llm-request.js';

/** Anthropic Messages: `POST /v1/messages`. */
export const anthropicProtocol: LlmProtocol = {
  name: 'anthropic',
  toolCallIdPrefix: 'toolu_',
  responseIdPrefix: 'msg_',
  parseRequest(body: unknown): ParseResult {
    const parsed = messagesRequestSchema.safeParse(body);
    if (parsed.success) return { ok: true, request: toLlmRequest(parsed.data) };
    const { param, missing, problem } = describeFirstIssue(parsed.error, body);
    const message = missing ? `${param}: Field required` : `${param}: ${problem}`;
    return { ok: false, error: { kind: 'invalid-request', message, param } };
  },
  errorResponse: anthropicErrorResponse,
  completionBody: messageBody,
  createStreamEncoder: createMessageStreamEncoder,
};
