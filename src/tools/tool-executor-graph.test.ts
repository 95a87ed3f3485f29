import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HotpathError } from '../util/index.js';
import { fakeTool, runContext } from './fake-tool.test-helper.js';
import { createToolExecutor } from './tool-executor.js';
import type { ToolExecutorEvent } from './tool-executor-types.js';

function graphTools() {
  const lookupUser = fakeTool({ name: 'lookup_user', delayMs: 80, readOnly: true, result: (input) => ({ user: { id: input.userId, managerId: 'u-9' } }) });
  const lookupManager = fakeTool({
    name: 'lookup_manager',
    delayMs: 40,
    readOnly: true,
    inputSchema: z.object({ managerId: z.string() }),
    result: (input) => ({ name: `manager ${input.managerId}` }),
  });
  const ticketStatus = fakeTool({ name: 'get_ticket_status', delayMs: 60, readOnly: true, result: () => ({ status: 'open' }) });
  return { lookupUser, lookupManager, ticketStatus };
}

describe('tool executor: dependency graphs', () => {
  it('starts a dependant the moment its dependency ends, and independent nodes at once', async () => {
    const { lookupUser, lookupManager, ticketStatus } = graphTools();
    const executor = createToolExecutor({ tools: [lookupUser.tool, lookupManager.tool, ticketStatus.tool] });
    const started = performance.now();
    const results = await executor.executeGraph([
      { id: 'manager', toolName: 'lookup_manager', input: { managerId: { $ref: 'user', path: 'user.managerId' } } },
      { id: 'user', toolName: 'lookup_user', input: { userId: 'u-1' } },
      { id: 'ticket', toolName: 'get_ticket_status', input: { ticketId: 'INC-1' } },
    ], runContext());
    const elapsed = performance.now() - started;
    expect(results.map((result) => result.record.id)).toEqual(['manager', 'user', 'ticket']);
    expect(results[0]).toMatchObject({ ok: true, output: { name: 'manager u-9' } });
    expect(lookupManager.calls[0]!.input).toEqual({ managerId: 'u-9' });
    // The dependant starts right after its dependency, not at a round boundary.
    expect(lookupManager.calls[0]!.startedAt - lookupUser.calls[0]!.endedAt!).toBeLessThan(20);
    // The independent node started with the first one.
    expect(Math.abs(ticketStatus.calls[0]!.startedAt - lookupUser.calls[0]!.startedAt)).toBeLessThan(20);
    // Critical path 80 + 40, not 80 + 40 + 60.
    expect(elapsed).toBeGreaterThanOrEqual(115);
    expect(elapsed).toBeLessThan(170);
  });

  it('passes a whole output when the reference has no path, and resolves references inside arrays', async () => {
    const source = fakeTool({ name: 'source', readOnly: true, result: () => ({ ids: ['a', 'b'] }) });
    const sink = fakeTool({ name: 'sink', readOnly: true });
    const executor = createToolExecutor({ tools: [source.tool, sink.tool] });
    await executor.executeGraph([
      { id: 's', toolName: 'source', input: {} },
      { id: 't', toolName: 'sink', input: { all: { $ref: 's' }, first: [{ $ref: 's', path: 'ids.0' }] } },
    ], runContext());
    expect(sink.calls[0]!.input).toEqual({ all: { ids: ['a', 'b'] }, first: ['a'] });
  });

  it('fails the dependants of a failed node with a clear error, without calling them', async () => {
    const { lookupManager, ticketStatus } = graphTools();
    const brokenUser = fakeTool({ name: 'lookup_user', delayMs: 20, readOnly: true, result: () => { throw new HotpathError('HOTPATH_TOOL_ERROR', 'user u-1 not found', { statusCode: 404 }); } });
    const executor = createToolExecutor({ tools: [brokenUser.tool, lookupManager.tool, ticketStatus.tool] });
    const events: ToolExecutorEvent[] = [];
    const [user, manager, ticket] = await executor.executeGraph([
      { id: 'user', toolName: 'lookup_user', input: { userId: 'u-1' } },
      { id: 'manager', toolName: 'lookup_manager', input: { managerId: { $ref: 'user', path: 'user.managerId' } } },
      { id: 'ticket', toolName: 'get_ticket_status', input: {} },
    ], { ...runContext(), onEvent: (event) => events.push(event) });
    expect(user).toMatchObject({ ok: false, error: { message: 'user u-1 not found' } });
    expect(manager).toMatchObject({ ok: false, error: { code: 'HOTPATH_TOOL_ERROR' } });
    expect(manager!.ok === false && manager!.error.message).toMatch(/needs the output of 'user' \(lookup_user\), which failed: user u-1 not found/);
    expect(lookupManager.calls).toHaveLength(0);
    expect(ticket!.ok).toBe(true);
    expect(events.filter((event) => event.type === 'tool-call-end').map((event) => (event as { callId: string }).callId).sort()).toEqual(['manager', 'ticket', 'user']);
  });

  it('fails a dependant as soon as one dependency fails, without waiting for the others', async () => {
    const fast = fakeTool({ name: 'fast_fail', delayMs: 10, readOnly: true, result: () => { throw new Error('boom'); } });
    const slow = fakeTool({ name: 'slow', delayMs: 150, readOnly: true });
    const sink = fakeTool({ name: 'sink', readOnly: true });
    const executor = createToolExecutor({ tools: [fast.tool, slow.tool, sink.tool] });
    const context = runContext();
    const handleTimes: number[] = [];
    const started = performance.now();
    const results = executor.executeGraph([
      { id: 'a', toolName: 'fast_fail', input: {} },
      { id: 'b', toolName: 'slow', input: {} },
      { id: 'c', toolName: 'sink', input: { a: { $ref: 'a' }, b: { $ref: 'b' } } },
    ], { ...context, onEvent: (event) => { if (event.type === 'tool-call-end' && event.callId === 'c') handleTimes.push(performance.now() - started); } });
    await results;
    expect(handleTimes[0]).toBeLessThan(100);
  });

  it('rejects cycles, dangling references and duplicate ids before running anything', async () => {
    const { lookupUser } = graphTools();
    const executor = createToolExecutor({ tools: [lookupUser.tool] });
    await expect(executor.executeGraph([
      { id: 'a', toolName: 'lookup_user', input: { x: { $ref: 'b' } } },
      { id: 'b', toolName: 'lookup_user', input: { x: { $ref: 'c' } } },
      { id: 'c', toolName: 'lookup_user', input: { x: { $ref: 'a' } } },
    ], runContext())).rejects.toThrow(/cycle a -> b -> c -> a/);
    await expect(executor.executeGraph([
      { id: 'a', toolName: 'lookup_user', input: {} },
      { id: 'b', toolName: 'lookup_user', input: { x: { $ref: 'ghost' } } },
    ], runContext())).rejects.toThrow(/'b' references 'ghost'/);
    await expect(executor.executeGraph([
      { id: 'a', toolName: 'lookup_user', input: {} },
      { id: 'a', toolName: 'lookup_user', input: {} },
    ], runContext())).rejects.toThrow(/used twice/);
    await expect(executor.executeGraph([{ id: 'a', toolName: 'lookup_user', input: { self: { $ref: 'a' } } }], runContext())).rejects.toThrow(/itself/);
    expect(lookupUser.calls).toHaveLength(0);
  });

  it('fails a dependant whose referenced path is missing from the output', async () => {
    const { lookupUser, lookupManager } = graphTools();
    const executor = createToolExecutor({ tools: [lookupUser.tool, lookupManager.tool] });
    const [, manager] = await executor.executeGraph([
      { id: 'user', toolName: 'lookup_user', input: { userId: 'u-1' } },
      { id: 'manager', toolName: 'lookup_manager', input: { managerId: { $ref: 'user', path: 'user.boss.id' } } },
    ], runContext());
    expect(manager).toMatchObject({ ok: false, error: { code: 'HOTPATH_TOOL_INPUT_INVALID' } });
    expect(manager!.ok === false && manager!.error.message).toMatch(/user\.boss\.id/);
    expect(lookupManager.calls).toHaveLength(0);
  });
});
