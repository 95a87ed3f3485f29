// One try of a proxied completion against one model. An OpenAI-compatible provider gets the client's
// request as it is (only `model` rewritten when the provider calls it differently) and its bytes are
// relayed; any other protocol goes through the provider adapter and is re-encoded as Chat Completions.
// An attempt counts as started once the upstream answered and, for streams, sent its first bytes:
// anything failing before that may go to a fallback or lose a hedge; nothing after it can.

import { performance } from 'node:perf_hooks';
import { createStatusError } from '../../providers/index.js';
import type { ModelStreamPart } from '../../spec/index.js';
import { HotpathError, mapTransportError } from '../../util/index.js';
import { linkedController } from '../http/linked-abort.js';
import type { ModelRuntime } from '../runtime/model-runtime.js';
import { completionBody, doneEvent, type CompletionIdentity } from './completion-chunks.js';
import type { ChatRequest } from './chat-request.js';
import { ModelStreamEncoder } from './model-stream-encoder.js';
import { toModelCall } from './to-model-call.js';

export interface StartedResponse {
  model: ModelRuntime;
  status: number;
  contentType: string;
  /** Chunks the client gets, the first already received. */
  chunks: AsyncIterator<Buffer | string>;
  first: Buffer | string | undefined;
  /** ms from the attempt's start to its first bytes. */
  firstByteMs: number;
  /** Epoch ms when the attempt started. */
  startedAt: number;
  /** Stops reading (the client left, or this attempt lost a hedge). */
  abort(reason?: unknown): void;
}

export interface AttemptRequest {
  chat: ChatRequest;
  /** The body as received (forwarded as is when the provider knows the model by the same name). */
  bytes: Buffer;
  requestId: string;
  identity: CompletionIdentity;
  signal: AbortSignal;
  deadline: number;
}

export function startAttempt(model: ModelRuntime, request: AttemptRequest): Promise<StartedResponse> {
  return model.provider.passThrough === undefined ? startTranslated(model, request) : startPassThrough(model, request);
}

async function startPassThrough(model: ModelRuntime, request: AttemptRequest): Promise<StartedResponse> {
  const target = model.provider.passThrough!;
  const signal = request.signal;
  const startedAt = Date.now();
  const started = performance.now();
  const body = request.chat.model === model.upstreamId ? request.bytes : JSON.stringify({ ...request.chat, model: model.upstreamId });
  const what = `${model.provider.name} ${model.upstreamId}`;
  let response;
  try {
    response = await target.pool.request({
      path: target.chatCompletionsPath,
      method: 'POST',
      headers: { ...target.headers, 'content-type': 'application/json', accept: request.chat.stream ? 'text/event-stream' : 'application/json', 'x-request-id': request.requestId },
      body,
      signal,
      headersTimeout: Math.max(1, request.deadline - Date.now()),
    });
  } catch (error) {
    throw mapTransportError(error, { what, signal });
  }
  const headers = Object.fromEntries(Object.entries(response.headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : String(value ?? '')]));
  if (response.statusCode === 429 || response.statusCode >= 500) {
    const text = await response.body.text().catch(() => '');
    throw createStatusError({ provider: model.provider.name, statusCode: response.statusCode, headers, message: upstreamMessage(text) });
  }
  const chunks = response.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let first: Buffer | undefined;
  try {
    const next = await chunks.next();
    first = next.done ? undefined : next.value;
  } catch (error) {
    throw mapTransportError(error, { what, signal });
  }
  return {
    model,
    status: response.statusCode,
    contentType: headers['content-type'] || 'application/json',
    chunks,
    first,
    firstByteMs: performance.now() - started,
    startedAt,
    abort: (reason) => response.body.destroy(reason instanceof Error ? reason : undefined),
  };
}

function upstreamMessage(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON: the start of the text says enough.
  }
  return text.slice(0, 200) || undefined;
}

async function startTranslated(model: ModelRuntime, request: AttemptRequest): Promise<StartedResponse> {
  const controller = linkedController(request.signal);
  const signal = controller.signal;
  const startedAt = Date.now();
  const started = performance.now();
  const parts = await model.model.stream({ ...toModelCall(request.chat), signal, deadline: request.deadline, headers: { 'x-request-id': request.requestId } });
  const encoded = await encodeFromFirstPart(parts, request, started);
  return { model, status: 200, ...encoded, startedAt, abort: (reason) => controller.abort(reason) };
}

export interface EncodedStart {
  contentType: string;
  chunks: AsyncIterator<string>;
  first: string | undefined;
  firstByteMs: number;
}

/**
 * Reads a model stream up to the first part that shows anything (or its end) — errors up to there may
 * still fall back — and encodes it as Chat Completions, streamed or whole. `onPart` sees each part read.
 */
export async function encodeFromFirstPart(
  parts: AsyncIterable<ModelStreamPart>,
  request: AttemptRequest,
  startedPerf: number,
  onPart?: (part: ModelStreamPart) => void,
): Promise<EncodedStart> {
  const source = parts[Symbol.asyncIterator]();
  const buffered: ModelStreamPart[] = [];
  for (;;) {
    const next = await source.next();
    if (next.done) break;
    if (next.value.type === 'error') throw next.value.error;
    onPart?.(next.value);
    buffered.push(next.value);
    if (next.value.type === 'text-delta' || next.value.type === 'tool-input-start' || next.value.type === 'tool-call' || next.value.type === 'finish') break;
  }
  const firstByteMs = performance.now() - startedPerf;
  const encoder = new ModelStreamEncoder(request.identity, { includeUsage: request.chat.stream_options?.include_usage === true });
  const chunks = request.chat.stream ? encodeStream(encoder, buffered, source) : encodeCompletion(encoder, buffered, source, request.identity);
  const first = await chunks.next();
  return {
    contentType: request.chat.stream ? 'text/event-stream' : 'application/json',
    chunks,
    first: first.done ? undefined : first.value,
    firstByteMs,
  };
}

export async function* remaining(buffered: ModelStreamPart[], source: AsyncIterator<ModelStreamPart>): AsyncGenerator<ModelStreamPart> {
  yield* buffered;
  for (;;) {
    const next = await source.next();
    if (next.done) return;
    if (next.value.type === 'error') throw next.value.error;
    yield next.value;
  }
}

export async function* encodeStream(encoder: ModelStreamEncoder, buffered: ModelStreamPart[], source: AsyncIterator<ModelStreamPart>): AsyncGenerator<string> {
  yield encoder.start();
  for await (const part of remaining(buffered, source)) {
    const text = encoder.encode(part);
    if (text !== '') yield text;
  }
  yield encoder.finish() + doneEvent;
}

export async function* encodeCompletion(encoder: ModelStreamEncoder, buffered: ModelStreamPart[], source: AsyncIterator<ModelStreamPart>, identity: CompletionIdentity): AsyncGenerator<string> {
  for await (const part of remaining(buffered, source)) encoder.encode(part);
  yield JSON.stringify(completionBody({ identity, text: encoder.text, toolCalls: encoder.toolCalls, finishReason: encoder.finishReason, usage: encoder.usage }));
}

/** Whether a failed attempt may go to the next model (the request itself was not at fault). */
export function mayFallBack(error: unknown): boolean {
  if (!HotpathError.isInstance(error)) return false;
  if (error.code === 'HOTPATH_ABORTED' || error.code === 'HOTPATH_DEADLINE_EXCEEDED') return false;
  return error.isRetryable || error.code === 'HOTPATH_PROVIDER_ERROR' || error.code === 'HOTPATH_PROVIDER_AUTH' || error.code === 'HOTPATH_PROVIDER_BAD_RESPONSE';
}
