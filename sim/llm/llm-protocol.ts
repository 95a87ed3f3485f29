// What a wire protocol (OpenAI Chat Completions, Anthropic Messages) contributes to a model call:
// parsing its request into the brain's neutral form, and encoding the planned output, streamed or
// whole, and errors in its own shapes. Timing, failures and the call log are protocol-neutral.

import type { BrainMessage, BrainToolSpec } from '../brain/index.js';
import type { OutputPlan, OutputUnit } from './output-plan.js';

export type ProtocolName = 'openai' | 'anthropic';

export interface LlmRequest {
  model: string;
  stream: boolean;
  messages: BrainMessage[];
  /** Every tool the client declared (their schemas count as input tokens). */
  tools: BrainToolSpec[];
  /** The tools the model may call under the request's tool choice. */
  callableTools: BrainToolSpec[];
  maxTokens?: number;
  parallelToolCalls: boolean;
  /** OpenAI `stream_options.include_usage`. */
  includeUsage: boolean;
}

export type LlmError =
  | { kind: 'invalid-request'; message: string; param?: string }
  | { kind: 'request-too-large'; message: string }
  | { kind: 'model-not-found'; model: string }
  | { kind: 'path-not-found'; method: string; path: string }
  | { kind: 'rate-limit'; message: string }
  | { kind: 'server-error'; message: string; overloaded: boolean };

export interface ErrorResponse {
  status: number;
  body: unknown;
}

export type ParseResult = { ok: true; request: LlmRequest } | { ok: false; error: LlmError };

/** Identifies one response on the wire. */
export interface ResponseContext {
  id: string;
  model: string;
  /** Unix seconds. */
  created: number;
  inputTokens: number;
  includeUsage: boolean;
}

/** Encodes one streamed response; stateful, so units must be passed in order. */
export interface StreamEncoder {
  /** Bytes sent with the first token (OpenAI role chunk, Anthropic message_start). */
  start(plan: OutputPlan): string;
  units(batch: readonly OutputUnit[]): string;
  /** Bytes after the last token: finish reason, usage, end marker. */
  finish(plan: OutputPlan): string;
}

export interface LlmProtocol {
  readonly name: ProtocolName;
  readonly toolCallIdPrefix: string;
  readonly responseIdPrefix: string;
  parseRequest(body: unknown): ParseResult;
  errorResponse(error: LlmError): ErrorResponse;
  completionBody(plan: OutputPlan, context: ResponseContext): unknown;
  createStreamEncoder(context: ResponseContext): StreamEncoder;
}
