import { describe, expect, it } from 'vitest';
import { HotpathError } from '../util/index.js';
import { fakeTool, runContext } from './fake-tool.test-helper.js';
import { createToolExecutor } from './tool-executor.js';

function fakeClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms: number) => { offset += ms; } };
}

describe('tool executor: circuit breaker per upstream', () => {
  it('opens after repeated failures, refuses calls at once, probes after the cool-down and closes on success', async () => {
    const clock = fakeClock();
    let healthy = false;
    const crm = fakeTool({ name: 'lookup_user', upstream: 'crm', readOnly: true, result: () => {
      if (!healthy) throw new HotpathError('HOTPATH_TOOL_ERROR', 'crm 500', { statusCode: 500 });
      return { ok: true };
    } });
    const other = fakeTool({ name: 'get_ticket', upstream: 'tickets', readOnly: true });
    const executor = createToolExecutor({ tools: [crm.tool, other.tool], breaker: { failureThreshold: 3, windowMs: 10_000, coolDownMs: 1_000 }, now: clock.now });
    const call = (id: string) => ({ id, toolName: 'lookup_user', input: { id } });
    await executor.execute([call('1'), call('2'), call('3')], runContext());
    expect(executor.circuitState('crm')).toBe('open');
    const [refused, unaffected] = await executor.execute([call('4'), { id: 't', toolName: 'get_ticket', input: {} }], runContext());
    expect(refused).toMatchObject({ ok: false, error: { code: 'HOTPATH_CIRCUIT_OPEN' }, attempts: 0 });
    expect(refused!.record.source).toBeUndefined();
    expect(crm.calls).toHaveLength(3);
    expect(unaffected!.ok).toBe(true);

    clock.advance(1_000);
    expect(executor.circuitState('crm')).toBe('half-open');
    healthy = true;
    const [probe, refusedDuringProbe] = await executor.execute([call('5'), call('6')], runContext());
    expect(probe!.ok).toBe(true);
    expect(refusedDuringProbe).toMatchObject({ ok: false, error: { code: 'HOTPATH_CIRCUIT_OPEN' } });
    expect(executor.circuitState('crm')).toBe('closed');
    const [after] = await executor.execute([call('7')], runContext());
    expect(after!.ok).toBe(true);
  });

  it('re-opens when the probe fails', async () => {
    const clock = fakeClock();
    const crm = fakeTool({ name: 'lookup_user', upstream: 'crm', readOnly: true, result: () => { throw new HotpathError('HOTPATH_CONNECTION_ERROR', 'refused'); } });
    const executor = createToolExecutor({ tools: [crm.tool], breaker: { failureThreshold: 1, coolDownMs: 500 }, now: clock.now });
    await executor.execute([{ id: '1', toolName: 'lookup_user', input: {} }], runContext());
    clock.advance(500);
    await executor.execute([{ id: '2', toolName: 'lookup_user', input: {} }], runContext());
    expect(crm.calls).toHaveLength(2);
    expect(executor.circuitState('crm')).toBe('open');
  });

  it('does not count answers about the request (4xx) or abandoned calls against the upstream', async () => {
    const lookup = fakeTool({ name: 'get_ticket', readOnly: true, delayMs: (input) => (input.slow ? 200 : 0), result: () => {
      throw new HotpathError('HOTPATH_TOOL_ERROR', 'no such ticket', { statusCode: 404 });
    } });
    const executor = createToolExecutor({ tools: [lookup.tool], breaker: { failureThreshold: 2 } });
    await executor.execute([{ id: '1', toolName: 'get_ticket', input: { n: 1 } }, { id: '2', toolName: 'get_ticket', input: { n: 2 } }], runContext());
    await executor.execute([{ id: '3', toolName: 'get_ticket', input: { slow: true, n: 3 } }, { id: '4', toolName: 'get_ticket', input: { slow: true, n: 4 } }], runContext({ deadline: Date.now() + 20 }));
    expect(executor.circuitState('get_ticket')).toBe('closed');
  });

  it('counts per-call timeouts as failures', async () => {
    const slow = fakeTool({ name: 'slow', readOnly: true, delayMs: 200, timeoutMs: 10 });
    const executor = createToolExecutor({ tools: [slow.tool], breaker: { failureThreshold: 2 } });
    await executor.execute([{ id: '1', toolName: 'slow', input: { n: 1 } }, { id: '2', toolName: 'slow', input: { n: 2 } }], runContext());
    expect(executor.circuitState('slow')).toBe('open');
  });

  it('can be turned off', async () => {
    const broken = fakeTool({ name: 'broken', readOnly: true, result: () => { throw new Error('down'); } });
    const executor = createToolExecutor({ tools: [broken.tool], breaker: false });
    await executor.execute(Array.from({ length: 8 }, (_, index) => ({ id: `${index}`, toolName: 'broken', input: { index } })), runContext());
    expect(broken.calls).toHaveLength(8);
    expect(executor.circuitState('broken')).toBeUndefined();
  });
});

describe('tool executor: concurrency limit per upstream', () => {
  it('queues calls beyond the limit in order and records the wait', async () => {
    const first = fakeTool({ name: 'lookup_user', upstream: 'crm', delayMs: 50, readOnly: true });
    const second = fakeTool({ name: 'lookup_account', upstream: 'crm', delayMs: 50, readOnly: true });
    const executor = createToolExecutor({ tools: [first.tool, second.tool], limits: { byUpstream: { crm: 2 } } });
    const started = performance.now();
    const results = await executor.execute([
      { id: 'a', toolName: 'lookup_user', input: { n: 1 } },
      { id: 'b', toolName: 'lookup_account', input: { n: 2 } },
      { id: 'c', toolName: 'lookup_user', input: { n: 3 } },
      { id: 'd', toolName: 'lookup_account', input: { n: 4 } },
    ], runContext());
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(190);
    expect(results.map((result) => result.queuedMs > 30)).toEqual([false, false, true, true]);
    const starts = [...first.calls, ...second.calls].map((call) => [call.input.n, call.startedAt] as const).sort((left, right) => left[1] - right[1]);
    expect(starts.map(([n]) => n)).toEqual([1, 2, 3, 4]);
  });

  it('fails calls beyond the queue bound with HOTPATH_CONCURRENCY_LIMIT', async () => {
    const lookup = fakeTool({ name: 'lookup_user', delayMs: 30, readOnly: true });
    const executor = createToolExecutor({ tools: [lookup.tool], limits: { default: 1, maxQueue: 1 } });
    const results = await executor.execute([1, 2, 3].map((n) => ({ id: `${n}`, toolName: 'lookup_user', input: { n } })), runContext());
    expect(results.map((result) => result.ok || result.error.code)).toEqual([true, true, 'HOTPATH_CONCURRENCY_LIMIT']);
  });

  it('leaves the queue when the run ends while waiting', async () => {
    const lookup = fakeTool({ name: 'lookup_user', delayMs: 100, readOnly: true });
    const executor = createToolExecutor({ tools: [lookup.tool], limits: { default: 1 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('run cancelled')), 30);
    const [, queued] = await executor.execute([1, 2].map((n) => ({ id: `${n}`, toolName: 'lookup_user', input: { n } })), runContext({ signal: controller.signal }));
    expect(queued).toMatchObject({ ok: false, error: { code: 'HOTPATH_ABORTED' }, attempts: 0 });
    expect(queued!.queuedMs).toBe(0);
    expect(lookup.calls).toHaveLength(1);
    const [later] = await executor.execute([{ id: '3', toolName: 'lookup_user', input: { n: 3 } }], runContext());
    expect(later!.ok).toBe(true);
    expect(later!.queuedMs).toBe(0);
  });
});
