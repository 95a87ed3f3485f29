import {
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type SpanContext,
  type SpanOptions,
  type SpanStatus,
  type Tracer,
} from '@opentelemetry/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAICompatible, type OpenAICompatibleProvider } from '../openai-compatible/openai-compatible-provider.js';
import { readFixture, startFixtureServer, type FixtureServer } from '../testing/fixture-server.js';

/** Just enough of an OpenTelemetry SDK to see what the adapters record. */
class RecordedSpan implements Span {
  readonly attributes: Attributes = {};
  readonly events: string[] = [];
  readonly exceptions: unknown[] = [];
  status: SpanStatus = { code: SpanStatusCode.UNSET };
  ended = false;

  constructor(readonly name: string, readonly kind: SpanKind | undefined, initial: Attributes | undefined) {
    Object.assign(this.attributes, initial);
  }

  spanContext(): SpanContext {
    return { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 };
  }
  setAttribute(key: string, value: Attributes[string]): this {
    this.attributes[key] = value;
    return this;
  }
  setAttributes(attributes: Attributes): this {
    Object.assign(this.attributes, attributes);
    return this;
  }
  addEvent(name: string): this {
    this.events.push(name);
    return this;
  }
  addLink(): this {
    return this;
  }
  addLinks(): this {
    return this;
  }
  setStatus(status: SpanStatus): this {
    this.status = status;
    return this;
  }
  updateName(): this {
    return this;
  }
  end(): void {
    this.ended = true;
  }
  isRecording(): boolean {
    return !this.ended;
  }
  recordException(exception: unknown): void {
    this.exceptions.push(exception);
  }
}

const spans: RecordedSpan[] = [];
const tracer: Tracer = {
  startSpan(name: string, options?: SpanOptions) {
    const span = new RecordedSpan(name, options?.kind, options?.attributes);
    spans.push(span);
    return span;
  },
  startActiveSpan(name: string, ...rest: unknown[]) {
    const fn = rest.at(-1) as (span: Span) => unknown;
    const options = (rest.length > 1 ? rest[0] : undefined) as SpanOptions | undefined;
    return fn(this.startSpan(name, options, undefined as unknown as Context));
  },
} as Tracer;

let server: FixtureServer | undefined;
let provider: OpenAICompatibleProvider | undefined;

beforeAll(() => {
  trace.setGlobalTracerProvider({ getTracer: () => tracer });
});
afterAll(() => {
  trace.disable();
});
afterEach(async () => {
  await provider?.close();
  await server?.close();
  spans.length = 0;
});

describe('model call telemetry', () => {
  it('records one client span per call with timings, usage and finish reason', async () => {
    const chunks = readFixture(new URL('../openai-compatible/__fixtures__/text.chunks.txt', import.meta.url));
    server = await startFixtureServer(() => ({ chunks }));
    provider = createOpenAICompatible({ name: 'openai', baseURL: `${server.url}/v1` });
    const stream = await provider.languageModel('gpt-4o-mini').stream({ messages: [{ role: 'user', content: 'hi' }], maxOutputTokens: 50 });
    expect(spans).toHaveLength(1);
    expect(spans[0]!.ended).toBe(false);
    for await (const part of stream) void part;

    const [span] = spans;
    expect(span!.name).toBe('chat gpt-4o-mini');
    expect(span!.kind).toBe(SpanKind.CLIENT);
    expect(span!.ended).toBe(true);
    expect(span!.events).toEqual(['response-start', 'first-token']);
    expect(span!.attributes).toMatchObject({
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.request.max_tokens': 50,
      'hotpath.provider': 'openai',
      'hotpath.attempts': 1,
      'hotpath.connection_opened': true,
      'gen_ai.usage.input_tokens': 41,
      'gen_ai.usage.output_tokens': 9,
      'gen_ai.response.finish_reasons': 'stop',
    });
    for (const key of ['hotpath.queue_ms', 'hotpath.connect_ms', 'hotpath.response_start_ms', 'hotpath.first_token_ms', 'hotpath.total_ms']) {
      expect(typeof span!.attributes[key]).toBe('number');
    }
  });

  it('marks a failed call as an error with its exception, and records retries as events', async () => {
    server = await startFixtureServer((_request, number) =>
      number === 0 ? { status: 503, json: { error: { message: 'busy' } } } : { status: 400, json: { error: { message: 'bad tool schema' } } },
    );
    provider = createOpenAICompatible({ name: 'openai', baseURL: `${server.url}/v1` });
    await expect(provider.languageModel('gpt-4o-mini').generate({ messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
      code: 'HOTPATH_PROVIDER_BAD_REQUEST',
    });
    const [span] = spans;
    expect(span!.events).toEqual(['retry']);
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'HOTPATH_PROVIDER_BAD_REQUEST' });
    expect(span!.exceptions).toHaveLength(1);
    expect(span!.attributes['hotpath.attempts']).toBe(2);
    expect(span!.ended).toBe(true);
  });
});
