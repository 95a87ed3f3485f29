import { trace, type Span, type SpanOptions, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HotpathError, sleep } from '../util/index.js';
import { fakeTool, runContext } from './fake-tool.test-helper.js';
import { createToolExecutor } from './tool-executor.js';
import type { ToolExecutorEvent } from './tool-executor-types.js';
import type { ToolResultCache } from '../spec/index.js';

// A minimal tracer provider that keeps what the executor records (no SDK in the product).
const recordedSpans: Array<{ name: string; attributes: Record<string, unknown>; status?: { code: number; message?: string }; ended: boolean }> = [];
function recordingSpan(name: string, options: SpanOptions = {}): Span {
  const entry: (typeof recordedSpans)[number] = { name, attributes: { ...options.attributes }, ended: false };
  recordedSpans.push(entry);
  const span = {
    spanContext: () => ({ traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 1 }),
    setAttribute: (key: string, value: unknown) => ((entry.attributes[key] = value), span),
    setAttributes: (attributes: Record<string, unknown>) => (Object.assign(entry.attributes, attributes), span),
    addEvent: () => span,
    addLink: () => span,
    addLinks: () => span,
    setStatus: (status: { code: number; message?: string }) => ((entry.status = status), span),
    updateName: () => span,
    end: () => {
      entry.ended = true;
    },
    isRecording: () => true,
    recordException: () => undefined,
  };
  return span as unknown as Span;
}
const recordingTracer = {
  startSpan: recordingSpan,
  startActiveSpan: () => {
    throw new Error('not used');
  },
} as unknown as Tracer;
trace.setGlobalTracerProvider({ getTracer: () => recordingTracer } satisfies TracerProvider);

// The seed's three calls (800 / 1200 / 600 units), at 1 unit = 0.1 ms.
const seedDelays = { lookup_user: 80, get_ticket_status: 120, check_permissions: 60 };

describe('tool executor: a batch of calls', () => {
  it('runs independent calls at once: the batch takes about the longest call, not the sum', async () => {
    const tools = Object.entries(seedDelays).map(([name, delayMs]) => fakeTool({ name, delayMs, readOnly: true, idempotent: true }));
    const executor = createToolExecutor({ tools: tools.map((entry) => entry.tool) });
    const started = performance.now();
    const results = await executor.execute(
      Object.keys(seedDelays).map((toolName, index) => ({ id: `call-${index}`, toolName, input: { index } })),
      runContext(),
    );
    const elapsed = performance.now() - started;
    const sum = 80 + 120 + 60;
    expect(results.every((result) => result.ok)).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(115);
    expect(elapsed).toBeLessThan(0.7 * sum);
    const starts = tools.map((entry) => entry.calls[0]!.startedAt);
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(25);
    expect(results.map((result) => result.record.source)).toEqual(['call', 'call', 'call']);
  });

  it('returns every result in input order when one call fails', async () => {
    const good = fakeTool({ name: 'good', delayMs: 30, readOnly: true, result: () => ({ fine: true }) });
    const bad = fakeTool({ name: 'bad', delayMs: 10, readOnly: true, result: () => { throw new Error('ticket service exploded'); } });
    const executor = createToolExecutor({ tools: [good.tool, bad.tool] });
    const results = await executor.execute([
      { id: 'a', toolName: 'good', input: { n: 1 } },
      { id: 'b', toolName: 'bad', input: {} },
      { id: 'c', toolName: 'good', input: { n: 2 } },
    ], runContext());
    expect(results.map((result) => result.ok)).toEqual([true, false, true]);
    expect(results[0]).toMatchObject({ ok: true, output: { fine: true } });
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'HOTPATH_TOOL_ERROR' } });
    expect(results[1]!.ok === false && results[1]!.error.message).toContain('ticket service exploded');
    expect(results[1]!.record).toMatchObject({ id: 'b', toolName: 'bad', error: { code: 'HOTPATH_TOOL_ERROR' } });
  });

  it('keeps HotpathError codes from tools', async () => {
    const missing = fakeTool({ name: 'get_ticket', readOnly: true, result: () => { throw new HotpathError('HOTPATH_TOOL_ERROR', 'ticket INC-1 not found', { statusCode: 404 }); } });
    const executor = createToolExecutor({ tools: [missing.tool] });
    const [result] = await executor.execute([{ id: 'a', toolName: 'get_ticket', input: {} }], runContext());
    expect(result).toMatchObject({ ok: false, error: { code: 'HOTPATH_TOOL_ERROR', message: 'ticket INC-1 not found' } });
  });

  it('rejects invalid input naming the field, without calling the tool', async () => {
    const lookup = fakeTool({ name: 'get_ticket', readOnly: true, inputSchema: z.object({ ticketId: z.string(), limit: z.number().int().optional() }) });
    const executor = createToolExecutor({ tools: [lookup.tool] });
    const [missing, wrongType] = await executor.execute([
      { id: 'a', toolName: 'get_ticket', input: {} },
      { id: 'b', toolName: 'get_ticket', input: { ticketId: 'INC-1', limit: 'ten' } },
    ], runContext());
    expect(missing).toMatchObject({ ok: false, error: { code: 'HOTPATH_TOOL_INPUT_INVALID' } });
    expect(missing!.ok === false && missing!.error.message).toMatch(/ticketId/);
    expect(wrongType!.ok === false && wrongType!.error.message).toMatch(/limit/);
    expect(lookup.calls).toHaveLength(0);
    expect(missing!.attempts).toBe(0);
  });

  it('answers an unknown tool with HOTPATH_TOOL_NOT_FOUND', async () => {
    const executor = createToolExecutor({ tools: [fakeTool({ name: 'known' }).tool] });
    const [result] = await executor.execute([{ id: 'a', toolName: 'nope', input: {} }], runContext());
    expect(result).toMatchObject({ ok: false, error: { code: 'HOTPATH_TOOL_NOT_FOUND' } });
    expect(result!.ok === false && result!.error.message).toContain('known');
  });

  it('validates output when the tool has an output schema', async () => {
    const wrong = fakeTool({ name: 'wrong', readOnly: true, outputSchema: z.object({ status: z.string() }), result: () => ({ status: 3 }) });
    const right = fakeTool({ name: 'right', readOnly: true, outputSchema: z.object({ status: z.string() }), result: () => ({ status: 'open', extra: 1 }) });
    const executor = createToolExecutor({ tools: [wrong.tool, right.tool] });
    const [bad, good] = await executor.execute([{ id: 'a', toolName: 'wrong', input: {} }, { id: 'b', toolName: 'right', input: {} }], runContext());
    expect(bad).toMatchObject({ ok: false, error: { code: 'HOTPATH_TOOL_OUTPUT_INVALID' } });
    expect(bad!.ok === false && bad!.error.message).toMatch(/status/);
    expect(good).toMatchObject({ ok: true, output: { status: 'open' } });
  });

  it('start() dispatches at once, so a call can begin while the next one is still being streamed', async () => {
    const slow = fakeTool({ name: 'slow', delayMs: 80, readOnly: true });
    const executor = createToolExecutor({ tools: [slow.tool] });
    const context = runContext();
    const started = performance.now();
    const first = executor.start({ id: 'a', toolName: 'slow', input: { n: 1 } }, context);
    expect(slow.calls).toHaveLength(1);
    await sleep(40);
    const second = executor.start({ id: 'b', toolName: 'slow', input: { n: 2 } }, context);
    await Promise.all([first.result, second.result]);
    // Sequential would be 160 ms; overlapped it is about 40 + 80.
    expect(performance.now() - started).toBeLessThan(150);
  });

  it('emits start, rendered progress and end events, and returns the progress text on the handle', async () => {
    const lookup = fakeTool({ name: 'get_ticket', delayMs: 10, readOnly: true, progress: 'looking up {ticketId}…', inputSchema: z.object({ ticketId: z.string() }) });
    const executor = createToolExecutor({ tools: [lookup.tool] });
    const events: ToolExecutorEvent[] = [];
    const handle = executor.start({ id: 'a', toolName: 'get_ticket', input: { ticketId: 'INC-4821' } }, { ...runContext(), onEvent: (event) => events.push(event) });
    expect(handle.progress).toBe('looking up INC-4821…');
    await handle.result;
    expect(events.map((event) => event.type)).toEqual(['tool-call-start', 'progress', 'tool-call-end']);
    expect(events[1]).toEqual({ type: 'progress', message: 'looking up INC-4821…', toolName: 'get_ticket' });
    expect(events[2]).toMatchObject({ type: 'tool-call-end', callId: 'a', source: 'call' });
    expect((events[2] as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(5);
  });

  it('keeps working when an event listener throws', async () => {
    const executor = createToolExecutor({ tools: [fakeTool({ name: 'ok', readOnly: true }).tool] });
    const [result] = await executor.execute([{ id: 'a', toolName: 'ok', input: {} }], { ...runContext(), onEvent: () => { throw new Error('listener broke'); } });
    expect(result!.ok).toBe(true);
  });

  it('records a span per call with its outcome', async () => {
    recordedSpans.length = 0;
    const executor = createToolExecutor({ tools: [fakeTool({ name: 'traced', readOnly: true }).tool] });
    await executor.execute([{ id: 'a', toolName: 'traced', input: {} }, { id: 'b', toolName: 'missing', input: {} }], runContext());
    expect(recordedSpans).toHaveLength(2);
    expect(recordedSpans[0]).toMatchObject({ name: 'hotpath.tool', ended: true, attributes: { 'hotpath.tool.name': 'traced', 'hotpath.tool.source': 'call', 'hotpath.tool.attempts': 1 } });
    expect(recordedSpans[1]).toMatchObject({ ended: true, status: { code: 2 }, attributes: { 'hotpath.error.code': 'HOTPATH_TOOL_NOT_FOUND' } });
  });

  it('exposes model declarations and validates its options', () => {
    const lookup = fakeTool({ name: 'get_ticket', inputSchema: z.object({ ticketId: z.string() }) });
    const executor = createToolExecutor({ tools: [lookup.tool] });
    expect(executor.declarations()).toEqual([{ name: 'get_ticket', description: 'fake get_ticket', inputSchema: expect.objectContaining({ type: 'object', required: ['ticketId'] }) }]);
    expect(() => createToolExecutor({ tools: [lookup.tool, lookup.tool] })).toThrow(/two tools are named 'get_ticket'/);
    expect(() => createToolExecutor({ tools: [lookup.tool], limits: { byUpstream: { crm: 2 } } })).toThrow(/limits\.byUpstream\.crm/);
    expect(() => createToolExecutor({ tools: [lookup.tool], limits: { default: 0 } })).toThrow(/limits\.default/);
    expect(() => createToolExecutor({ tools: [lookup.tool], retry: { baseDelayMs: -1 } })).toThrow(/retry\.baseDelayMs/);
  });
});

describe('tool executor: the cache hook', () => {
  function memoryCache() {
    const entries = new Map<string, unknown>();
    const log: string[] = [];
    const key = (toolName: string, input: unknown) => `${toolName}:${JSON.stringify(input)}`;
    const cache: ToolResultCache = {
      get: (call) => {
        log.push(`get ${call.toolName}`);
        return entries.get(key(call.toolName, call.input));
      },
      set: (call, _context, output) => {
        log.push(`set ${call.toolName}`);
        entries.set(key(call.toolName, call.input), output);
      },
      invalidate: async (call) => {
        log.push(`invalidate ${call.toolName}`);
        entries.clear();
      },
    };
    return { cache, log, entries };
  }

  it('answers read-only calls from the cache without calling the tool, and stores fresh results', async () => {
    const lookup = fakeTool({ name: 'get_ticket', delayMs: 5, readOnly: true, cache: { ttlMs: 1_000, scope: 'tenant' } });
    const { cache, log } = memoryCache();
    const executor = createToolExecutor({ tools: [lookup.tool], cache });
    const [first] = await executor.execute([{ id: 'a', toolName: 'get_ticket', input: { id: 1 } }], runContext());
    const [second] = await executor.execute([{ id: 'b', toolName: 'get_ticket', input: { id: 1 } }], runContext());
    expect(lookup.calls).toHaveLength(1);
    expect(second).toMatchObject({ ok: true, output: (first as { output: unknown }).output, attempts: 0 });
    expect(second!.record.source).toBe('cache');
    expect(log).toEqual(['get get_ticket', 'set get_ticket', 'get get_ticket']);
  });

  it('treats a throwing cache as a miss', async () => {
    const lookup = fakeTool({ name: 'get_ticket', readOnly: true });
    const cache: ToolResultCache = { get: () => Promise.reject(new Error('redis down')), set: () => { throw new Error('redis down'); } };
    const executor = createToolExecutor({ tools: [lookup.tool], cache });
    const [result] = await executor.execute([{ id: 'a', toolName: 'get_ticket', input: {} }], runContext());
    expect(result!.ok).toBe(true);
    expect(lookup.calls).toHaveLength(1);
  });

  it('never consults the cache for side-effecting tools, and reports their successful writes', async () => {
    const update = fakeTool({ name: 'update_ticket', readOnly: false, writes: ['ticket:{ticketId}'], inputSchema: z.object({ ticketId: z.string() }) });
    const { cache, log } = memoryCache();
    const executor = createToolExecutor({ tools: [update.tool], cache });
    await executor.execute([{ id: 'a', toolName: 'update_ticket', input: { ticketId: 'INC-1' } }], runContext());
    expect(log).toEqual(['invalidate update_ticket']);
  });
});
