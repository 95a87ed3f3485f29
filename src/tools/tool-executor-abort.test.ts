import { describe, expect, it } from 'vitest';
import { sleep } from '../util/index.js';
import { fakeTool, runContext } from './fake-tool.test-helper.js';
import { createToolExecutor } from './tool-executor.js';

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

function slowTools() {
  return ['first', 'second', 'third'].map((name) => fakeTool({ name, delayMs: 400, readOnly: true, timeoutMs: 5_000, retries: 2 }));
}

describe('tool executor: deadlines and aborts', () => {
  it('ends every call at the run deadline, aborts every tool signal and leaves no timer behind', async () => {
    const tools = slowTools();
    const executor = createToolExecutor({ tools: tools.map((entry) => entry.tool) });
    const timersBefore = activeTimers();
    const started = performance.now();
    const results = await executor.execute(
      tools.map((entry, index) => ({ id: `c${index}`, toolName: entry.tool.name, input: {} })),
      runContext({ deadline: Date.now() + 50 }),
    );
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(40);
    expect(elapsed).toBeLessThan(200);
    expect(results.map((result) => result.ok === false && result.error.code)).toEqual(Array(3).fill('HOTPATH_DEADLINE_EXCEEDED'));
    expect(tools.every((entry) => entry.calls.length === 1 && entry.calls[0]!.context.signal.aborted)).toBe(true);
    expect(activeTimers()).toBe(timersBefore);
    // Nothing finishes later: the tools were stopped, not abandoned.
    await sleep(450);
    expect(tools.some((entry) => entry.calls.some((call) => call.completed))).toBe(false);
  });

  it('stops every call when the run is aborted', async () => {
    const tools = slowTools();
    const executor = createToolExecutor({ tools: tools.map((entry) => entry.tool) });
    const controller = new AbortController();
    const timersBefore = activeTimers();
    setTimeout(() => controller.abort(new Error('user closed the chat')), 30);
    const started = performance.now();
    const results = await executor.execute(
      tools.map((entry, index) => ({ id: `c${index}`, toolName: entry.tool.name, input: {} })),
      runContext({ signal: controller.signal }),
    );
    expect(performance.now() - started).toBeLessThan(150);
    expect(results.every((result) => result.ok === false && result.error.code === 'HOTPATH_ABORTED')).toBe(true);
    expect(results[0]!.ok === false && results[0]!.error.message).toContain('user closed the chat');
    expect(tools.every((entry) => entry.calls[0]!.context.signal.aborted)).toBe(true);
    expect(activeTimers()).toBe(timersBefore);
  });

  it('does not wait for a tool that ignores its signal', async () => {
    const stubborn = fakeTool({ name: 'stubborn', delayMs: 300, readOnly: true, ignoreSignal: true });
    const executor = createToolExecutor({ tools: [stubborn.tool] });
    const started = performance.now();
    const [result] = await executor.execute([{ id: 'a', toolName: 'stubborn', input: {} }], runContext({ deadline: Date.now() + 40 }));
    expect(performance.now() - started).toBeLessThan(150);
    expect(result).toMatchObject({ ok: false, error: { code: 'HOTPATH_DEADLINE_EXCEEDED' } });
  });

  it('applies the tool timeout per call', async () => {
    const slow = fakeTool({ name: 'slow', delayMs: 400, readOnly: false, timeoutMs: 40 });
    const executor = createToolExecutor({ tools: [slow.tool] });
    const started = performance.now();
    const [result] = await executor.execute([{ id: 'a', toolName: 'slow', input: {} }], runContext({ deadline: Date.now() + 5_000 }));
    expect(performance.now() - started).toBeLessThan(150);
    expect(result).toMatchObject({ ok: false, error: { code: 'HOTPATH_TIMEOUT' } });
    expect(slow.calls[0]!.context.signal.aborted).toBe(true);
  });

  it('calls nothing when the run is already over', async () => {
    const tools = slowTools();
    const executor = createToolExecutor({ tools: tools.map((entry) => entry.tool) });
    const [aborted, late] = await Promise.all([
      executor.execute([{ id: 'a', toolName: 'first', input: {} }], runContext({ signal: AbortSignal.abort() })),
      executor.execute([{ id: 'b', toolName: 'second', input: {} }], runContext({ deadline: Date.now() - 1 })),
    ]);
    expect(aborted[0]).toMatchObject({ ok: false, error: { code: 'HOTPATH_ABORTED' }, attempts: 0 });
    expect(late[0]).toMatchObject({ ok: false, error: { code: 'HOTPATH_DEADLINE_EXCEEDED' } });
    expect(tools[0]!.calls).toHaveLength(0);
    expect(tools[1]!.calls).toHaveLength(0);
  });

  it('gives the tool the run deadline, request id, call id and identity', async () => {
    const seen = fakeTool({ name: 'seen', readOnly: true });
    const executor = createToolExecutor({ tools: [seen.tool] });
    const deadline = Date.now() + 1_000;
    await executor.execute([{ id: 'call-7', toolName: 'seen', input: {} }], { requestId: 'req-xyz', deadline, user: 'u-1', tenant: 't-1' });
    expect(seen.calls[0]!.context).toMatchObject({ requestId: 'req-xyz', callId: 'call-7', deadline, user: 'u-1', tenant: 't-1' });
  });

  it('fans a run out to many calls without listener-leak warnings', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const lookup = fakeTool({ name: 'lookup', delayMs: 5, readOnly: true });
    const executor = createToolExecutor({ tools: [lookup.tool] });
    const calls = Array.from({ length: 25 }, (_, n) => ({ id: `c${n}`, toolName: 'lookup', input: { n } }));
    await executor.execute(calls, runContext({ signal: new AbortController().signal }));
    await executor.execute(calls, runContext());
    await sleep(10);
    process.off('warning', onWarning);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
    expect(lookup.calls).toHaveLength(50);
  });
});
