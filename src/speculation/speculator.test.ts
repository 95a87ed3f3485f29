import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createToolExecutor, type ToolExecutorEvent } from '../tools/index.js';
import { fakeTool } from '../tools/fake-tool.test-helper.js';
import { sleep } from '../util/index.js';
import { createSpeculator } from './speculator.js';

function setup(options: { delayMs?: number; failFirst?: boolean } = {}) {
  let attempts = 0;
  const ticket = fakeTool({
    name: 'get_ticket',
    readOnly: true,
    idempotent: true,
    delayMs: options.delayMs ?? 50,
    progress: 'looking up {ticketId}…',
    inputSchema: z.object({ ticketId: z.string(), verbose: z.boolean().default(false) }),
    result: (input) => {
      attempts++;
      if (options.failFirst && attempts === 1) throw new Error('flaky upstream');
      return { id: input['ticketId'], assignee: 'u0101' };
    },
  });
  const user = fakeTool({ name: 'lookup_user', readOnly: true, idempotent: true, delayMs: 10, result: (input) => ({ id: input['userId'], name: 'Dana' }) });
  const reset = fakeTool({ name: 'reset_password', readOnly: false, delayMs: 1 });
  const executor = createToolExecutor({ tools: [ticket.tool, user.tool, reset.tool] });
  const events: Array<ToolExecutorEvent & { at: number }> = [];
  const startedAt = performance.now();
  const context = { requestId: `req-${Math.random()}`, onEvent: (event: ToolExecutorEvent) => events.push({ ...event, at: performance.now() - startedAt }) };
  return { ticket, user, reset, executor, events, context, startedAt };
}

describe('createSpeculator', () => {
  it('starts predicted read-only calls at once and reports progress within milliseconds', () => {
    const { executor, events, context, ticket } = setup();
    const run = createSpeculator().begin({ executor, context, calls: [{ id: 'a', toolName: 'get_ticket', input: { ticketId: 'INC-4821' } }] });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'progress', message: 'looking up INC-4821…', toolName: 'get_ticket' });
    // Emitted before begin() returned: the caller hears of the lookup before the model even started.
    expect(events[0]!.at).toBeLessThan(50);
    expect(ticket.calls).toHaveLength(1);
    run.finish();
  });

  it('gives the model the in-flight result when it asks for the same call (key order and defaults aside)', async () => {
    const { executor, events, context, ticket, startedAt } = setup({ delayMs: 80 });
    const speculator = createSpeculator();
    const run = speculator.begin({ executor, context, calls: [{ id: 'a', toolName: 'get_ticket', input: { ticketId: 'INC-4821' } }] });
    await sleep(30);
    const result = await run.executor.start({ id: 'model-1', toolName: 'get_ticket', input: { verbose: false, ticketId: 'INC-4821' } }, context).result;
    const elapsed = performance.now() - startedAt;
    expect(result.ok).toBe(true);
    expect(result.record).toMatchObject({ id: 'model-1', source: 'speculation', output: { id: 'INC-4821' } });
    expect(ticket.calls).toHaveLength(1);
    expect(elapsed).toBeLessThan(30 + 80);
    expect(events.filter((event) => event.type !== 'progress').map((event) => [event.type, 'callId' in event ? event.callId : ''])).toEqual([
      ['tool-call-start', 'model-1'],
      ['tool-call-end', 'model-1'],
    ]);
    expect(run.finish()).toEqual({ started: 1, used: 1, wasted: 0 });
  });

  it('gives the model a finished result at once', async () => {
    const { executor, context } = setup({ delayMs: 5 });
    const run = createSpeculator().begin({ executor, context, calls: [{ id: 'a', toolName: 'get_ticket', input: { ticketId: 'INC-1' } }] });
    await sleep(30);
    const before = performance.now();
    const result = await run.executor.start({ id: 'm', toolName: 'get_ticket', input: { ticketId: 'INC-1' } }, context).result;
    expect(performance.now() - before).toBeLessThan(10);
    expect(result.record.source).toBe('speculation');
  });

  it('runs a different call for real and counts the unused speculation as wasted, aborting it', async () => {
    const { executor, context, ticket } = setup({ delayMs: 60 });
    const speculator = createSpeculator();
    const run = speculator.begin({ executor, context, calls: [{ id: 'a', toolName: 'get_ticket', input: { ticketId: 'INC-1' } }] });
    const pending = run.executor.start({ id: 'm', toolName: 'get_ticket', input: { ticketId: 'INC-2' } }, context).result;
    await sleep(10);
    expect(run.finish()).toEqual({ started: 1, used: 0, wasted: 1 });
    expect((await pending).record.source).toBe('call');
    await sleep(80);
    expect(ticket.calls.find((call) => call.input['ticketId'] === 'INC-1')!.completed).toBe(false);
    expect(speculator.stats()).toMatchObject({ requests: 1, started: 1, used: 0, wasted: 1 });
  });

  it('never runs a side-effecting call and caps calls per request', () => {
    const { executor, context, reset, ticket } = setup();
    const speculator = createSpeculator({ maxCallsPerRequest: 1 });
    const run = speculator.begin({
      executor,
      context,
      calls: [
        { id: 'w', toolName: 'reset_password', input: { userId: 'u1' } },
        { id: 'a', toolName: 'get_ticket', input: { ticketId: 'INC-1' } },
        { id: 'b', toolName: 'get_ticket', input: { ticketId: 'INC-2' } },
      ],
    });
    expect(reset.calls).toHaveLength(0);
    expect(ticket.calls).toHaveLength(1);
    expect(speculator.stats().skipped).toMatchObject({ sideEffect: 1, cap: 1 });
    run.finish();
  });

  it('starts a call that needs another one once that one returned', async () => {
    const { executor, context, user } = setup({ delayMs: 20 });
    const run = createSpeculator().begin({
      executor,
      context,
      calls: [
        { id: 'a', toolName: 'get_ticket', input: { ticketId: 'INC-1' } },
        { id: 'b', toolName: 'lookup_user', input: { userId: { $ref: 'a', path: 'assignee' } } },
      ],
    });
    expect(user.calls).toHaveLength(0);
    await sleep(50);
    expect(user.calls.map((call) => call.input)).toEqual([{ userId: 'u0101' }]);
    const result = await run.executor.start({ id: 'm2', toolName: 'lookup_user', input: { userId: 'u0101' } }, context).result;
    expect(result.record.source).toBe('speculation');
    expect(run.finish()).toEqual({ started: 2, used: 1, wasted: 1 });
  });

  it('runs the call for real when the speculative one failed', async () => {
    const { executor, context, ticket } = setup({ delayMs: 5, failFirst: true });
    const run = createSpeculator().begin({ executor, context, calls: [{ id: 'a', toolName: 'get_ticket', input: { ticketId: 'INC-1' } }] });
    await sleep(20);
    const result = await run.executor.start({ id: 'm', toolName: 'get_ticket', input: { ticketId: 'INC-1' } }, context).result;
    expect(result.ok).toBe(true);
    expect(result.record.source).toBe('call');
    expect(ticket.calls).toHaveLength(2);
  });

  it('validates its options by name', () => {
    expect(() => createSpeculator({ maxCallsPerRequest: -1 })).toThrow(/"maxCallsPerRequest"/);
  });
});
