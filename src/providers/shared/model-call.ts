// What every adapter's call does around its wire protocol: retries before the response starts
// (never after a token was emitted, never past the deadline), an OpenTelemetry span, the timings
// side channel, and a stream wrapper that closes the response however the consumer stops reading.

import { performance } from 'node:perf_hooks';
import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { FinishReason, ModelCallOptions, ModelStreamPart, ModelUsage } from '../../spec/index.js';
import { HotpathError, retry, type HttpClient, type HttpRequest, type HttpResponse } from '../../util/index.js';
import { attachModelCallTimings, type ModelCallTimings } from './model-call-timings.js';

const tracer = trace.getTracer('hotpath.providers');

export interface ModelCallSetup {
  provider: string;
  /** Wire protocol, for telemetry ("openai", "anthropic"). */
  system: string;
  modelId: string;
  http: HttpClient;
  retries: number;
  /** Time allowed until the response headers, per attempt. */
  timeoutMs: number | undefined;
  /** A Retry-After longer than this is not waited for: the error goes up so a router can fail over. */
  maxRetryAfterMs: number;
  /** Turns a non-2xx response into a HotpathError. */
  mapStatusError(response: HttpResponse, body: string): HotpathError;
}

/** The request of one attempt; signal, deadline and timeout are added per attempt. */
export type ModelHttpRequest = Omit<HttpRequest, 'signal' | 'deadline' | 'timeoutMs'>;

interface CallOutcome {
  finishReason?: FinishReason;
  usage?: ModelUsage;
  error?: unknown;
  cancelled?: boolean;
}

class CallRecorder {
  readonly timings: ModelCallTimings;
  readonly #span: Span;
  readonly #started = performance.now();
  #ended = false;

  constructor(setup: ModelCallSetup, span: Span) {
    this.#span = span;
    this.timings = { provider: setup.provider, modelId: setup.modelId, startedAt: Date.now(), attempts: 0 };
  }

  elapsed(): number {
    return performance.now() - this.#started;
  }

  responseStarted(response: HttpResponse): void {
    const { queueMs, connectionOpened, connectMs } = response.timings;
    Object.assign(this.timings, { queueMs, connectionOpened, connectMs, responseStartMs: this.elapsed() });
    this.#span.addEvent('response-start');
  }

  firstToken(): void {
    if (this.timings.firstTokenMs !== undefined) return;
    this.timings.firstTokenMs = this.elapsed();
    this.#span.addEvent('first-token');
  }

  retrying(info: { error: unknown; attempt: number; delayMs: number }): void {
    this.#span.addEvent('retry', {
      'hotpath.attempt': info.attempt + 1,
      'hotpath.delay_ms': Math.round(info.delayMs),
      'hotpath.error_code': HotpathError.isInstance(info.error) ? info.error.code : 'unknown',
    });
  }

  end(outcome: CallOutcome): void {
    if (this.#ended) return;
    this.#ended = true;
    const timings = this.timings;
    timings.totalMs = this.elapsed();
    const attributes: Record<string, number | boolean | string> = {
      'hotpath.attempts': timings.attempts,
      'hotpath.total_ms': timings.totalMs,
    };
    if (timings.queueMs !== undefined) attributes['hotpath.queue_ms'] = timings.queueMs;
    if (timings.connectionOpened !== undefined) attributes['hotpath.connection_opened'] = timings.connectionOpened;
    if (timings.connectMs !== undefined) attributes['hotpath.connect_ms'] = timings.connectMs;
    if (timings.responseStartMs !== undefined) attributes['hotpath.response_start_ms'] = timings.responseStartMs;
    if (timings.firstTokenMs !== undefined) attributes['hotpath.first_token_ms'] = timings.firstTokenMs;
    if (outcome.usage) {
      attributes['gen_ai.usage.input_tokens'] = outcome.usage.inputTokens;
      attributes['gen_ai.usage.output_tokens'] = outcome.usage.outputTokens;
    }
    if (outcome.finishReason) attributes['gen_ai.response.finish_reasons'] = outcome.finishReason;
    if (outcome.cancelled) attributes['hotpath.cancelled'] = true;
    this.#span.setAttributes(attributes);
    if (outcome.error !== undefined) {
      const error = outcome.error;
      this.#span.recordException(error instanceof Error ? error : String(error));
      this.#span.setStatus({ code: SpanStatusCode.ERROR, message: HotpathError.isInstance(error) ? error.code : String(error) });
    }
    this.#span.end();
  }
}

/**
 * Sends the request, retrying retryable failures, and hands a 2xx response to `accept`
 * (inside the retry, so a body that breaks before anything reached the caller is retried too).
 */
async function sendWithRetries<T>(options: {
  setup: ModelCallSetup;
  call: ModelCallOptions;
  request: ModelHttpRequest;
  recorder: CallRecorder;
  accept(response: HttpResponse): Promise<T>;
}): Promise<T> {
  const { setup, call, request, recorder, accept } = options;
  try {
    return await retry(
      async () => {
        recorder.timings.attempts++;
        const response = await setup.http.request({
          ...request,
          headers: { ...request.headers, ...call.headers },
          signal: call.signal,
          deadline: call.deadline,
          timeoutMs: setup.timeoutMs,
        });
        if (response.statusCode < 200 || response.statusCode >= 300) {
          const body = await response.text().catch((error: unknown) => {
            // An abort while reading the error body is an abort, not the provider's failure.
            if (call.signal?.aborted) throw error;
            return '';
          });
          throw setup.mapStatusError(response, body);
        }
        recorder.responseStarted(response);
        return accept(response);
      },
      {
        retries: call.retries ?? setup.retries,
        deadline: call.deadline,
        signal: call.signal,
        shouldRetry: (error) =>
          HotpathError.isInstance(error) && error.isRetryable && (error.retryAfterMs ?? 0) <= setup.maxRetryAfterMs,
        onRetry: (info) => recorder.retrying(info),
      },
    );
  } catch (error) {
    throw asCallError(error, call.signal, setup.provider);
  }
}

/** `retry()` rethrows a bare abort reason when the caller's signal fires between attempts. */
function asCallError(error: unknown, signal: AbortSignal | undefined, provider: string): HotpathError {
  if (HotpathError.isInstance(error)) return error;
  if (signal?.aborted) return new HotpathError('HOTPATH_ABORTED', `${provider}: model call was aborted`, { cause: error });
  return new HotpathError('HOTPATH_INTERNAL', `${provider}: model call failed: ${String(error)}`, { cause: error });
}

function spanAttributes(setup: ModelCallSetup, call: ModelCallOptions, operation: string) {
  return {
    'gen_ai.system': setup.system,
    'gen_ai.operation.name': operation,
    'gen_ai.request.model': setup.modelId,
    'hotpath.provider': setup.provider,
    ...(call.maxOutputTokens === undefined ? {} : { 'gen_ai.request.max_tokens': call.maxOutputTokens }),
  };
}

/** A streaming call: resolves once a 2xx response started; `parse` turns its body into parts. */
export function streamModelCall(options: {
  setup: ModelCallSetup;
  call: ModelCallOptions;
  request: ModelHttpRequest;
  parse(response: HttpResponse): AsyncGenerator<ModelStreamPart>;
}): Promise<AsyncIterable<ModelStreamPart>> {
  const { setup, call, request, parse } = options;
  const attributes = spanAttributes(setup, call, 'chat');
  return tracer.startActiveSpan(`chat ${setup.modelId}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    const recorder = new CallRecorder(setup, span);
    let response: HttpResponse;
    try {
      response = await sendWithRetries({ setup, call, request, recorder, accept: async (accepted) => accepted });
    } catch (error) {
      recorder.end({ error });
      throw error;
    }
    const stream = observeStream(parse(response), recorder, response);
    attachModelCallTimings(stream, recorder.timings);
    return stream;
  });
}

/** A non-streaming call: `read` parses the 2xx body into the result. */
export function generateModelCall<T extends { finishReason: FinishReason; usage: ModelUsage }>(options: {
  setup: ModelCallSetup;
  call: ModelCallOptions;
  request: ModelHttpRequest;
  read(response: HttpResponse): Promise<T>;
}): Promise<T> {
  const { setup, call, request, read } = options;
  const attributes = spanAttributes(setup, call, 'chat');
  return tracer.startActiveSpan(`chat ${setup.modelId}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    const recorder = new CallRecorder(setup, span);
    try {
      const result = await sendWithRetries({ setup, call, request, recorder, accept: read });
      recorder.end({ finishReason: result.finishReason, usage: result.usage });
      attachModelCallTimings(result, recorder.timings);
      return result;
    } catch (error) {
      recorder.end({ error });
      throw error;
    }
  });
}

const tokenParts = new Set<ModelStreamPart['type']>(['text-delta', 'tool-input-delta', 'tool-call']);

/**
 * Records first token and outcome, and closes the response however iteration stops: the end of the
 * parts, a `break`, or `return()` on an iterator that was never started (which would skip a
 * generator's `finally`).
 */
function observeStream(
  parts: AsyncGenerator<ModelStreamPart>,
  recorder: CallRecorder,
  response: HttpResponse,
): AsyncIterableIterator<ModelStreamPart> {
  const outcome: CallOutcome = {};
  const end = (cancelled: boolean) => {
    response.close();
    recorder.end(cancelled && outcome.finishReason === undefined ? { ...outcome, cancelled } : outcome);
  };
  async function* observe(): AsyncGenerator<ModelStreamPart> {
    try {
      for await (const part of parts) {
        if (tokenParts.has(part.type)) recorder.firstToken();
        if (part.type === 'finish') Object.assign(outcome, { finishReason: part.finishReason, usage: part.usage });
        if (part.type === 'error') outcome.error = part.error;
        yield part;
      }
    } finally {
      end(false);
    }
  }
  const generator = observe();
  return {
    next: () => generator.next(),
    return: async (value?: unknown) => {
      end(true);
      return generator.return(value as undefined);
    },
    throw: (error?: unknown) => generator.throw(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
