import { describe, expect, it } from 'vitest';
import { HotpathError, sleep } from '../util/index.js';
import { fakeTool, runContext } from './fake-tool.test-helper.js';
import { createToolExecutor } from './tool-executor.js';

const unavailable = (retryAfterMs?: number) =>
  new HotpathError('HOTPATH_TOOL_ERROR', 'upstream busy', { statusCode: 503, isRetryable: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

describe('tool executor: single-flight for read-only tools', () => {
  it('shares one execution between identical concurrent calls', async () => {
    const lookup = fakeTool({ name: 'get_ticket', delayMs: 40, readOnly: true, cache: { ttlMs: 1_000, scope: 'tenant' } });
    const executor = createToolExecutor({ tools: [lookup.tool] });
    const [first, second] = await Promise.all([
      executor.execute([{ id: 'a', toolName: 'get_ticket', input: { ticketId: 'INC-1', verbose: true } }], runContext({ tenant: 't', user: 'alice' })),
      executor.execute([{ id: 'b', toolName: 'get_ticket', input: { verbose: true, ticketId: 'INC-1' } }], runContext({ tenant: 't', user: 'bob' })),
    ]);
    expect(lookup.calls).toHaveLength(1);
    expect(first[0]!.record.source).toBe('call');
    expect(second[0]!.record.source).toBe('shared');
    expect(second[0]).toMatchObject({ ok: true, output: (first[0] as { output: unknown }).output });
  });

  it('never shares a user-scoped tool across users, nor any tool across tenants', async () => {
    const mine = fakeTool({ name: 'my_tickets', delayMs: 30, readOnly: true, cache: { ttlMs: 1_000, scope: 'user' } });
    const shared = fakeTool({ name: 'get_ticket', delayMs: 30, readOnly: true, cache: { ttlMs: 1_000, scope: 'tenant' } });
    const undeclared = fakeTool({ name: 'whoami', delayMs: 30, readOnly: true });
    const executor = createToolExecutor({ tools: [mine.tool, shared.tool, undeclared.tool] });
    const batch = (tenant: string, user: string) => executor.execute([
      { id: 'a', toolName: 'my_tickets', input: {} },
      { id: 'b', toolName: 'get_ticket', input: { ticketId: 'INC-1' } },
      { id: 'c', toolName: 'whoami', input: {} },
    ], runContext({ tenant, user }));
    await Promise.all([batch('t1', 'alice'), batch('t1', 'bob'), batch('t2', 'alice')]);
    expect(mine.calls).toHaveLength(3);
    // Shared across alice and bob in t1, but t2 gets its own call.
    expect(shared.calls).toHaveLength(2);
    // Without a declared scope, results are treated as user-specific.
    expect(undeclared.calls).toHaveLength(3);
  });

  it('does not share different inputs, nor calls that do not overlap', async () => {
    const lookup = fakeTool({ name: 'get_ticket', delayMs: 10, readOnly: true, cache: { ttlMs: 1_000, scope: 'tenant' } });
    const executor = createToolExecutor({ tools: [lookup.tool] });
    await executor.execute([{ id: 'a', toolName: 'get_ticket', input: { ticketId: '1' } }, { id: 'b', toolName: 'get_ticket', input: { ticketId: '2' } }], runContext());
    await executor.execute([{ id: 'c', toolName: 'get_ticket', input: { ticketId: '1' } }], runContext());
    expect(lookup.calls).toHaveLength(3);
  });

  it('keeps the shared call running for the others when one waiter gives up', async () => {
    const lookup = fakeTool({ name: 'get_ticket', delayMs: 60, readOnly: true, cache: { ttlMs: 1_000, scope: 'tenant' } });
    const executor = createToolExecutor({ tools: [lookup.tool] });
    const leader = new AbortController();
    const leaderRun = executor.execute([{ id: 'a', toolName: 'get_ticket', input: { ticketId: 'INC-1' } }], runContext({ signal: leader.signal }));
    const followerRun = executor.execute([{ id: 'b', toolName: 'get_ticket', input: { ticketId: 'INC-1' } }], runContext());
    const lateController = new AbortController();
    const lateFollower = executor.execute([{ id: 'c', toolName: 'get_ticket', input: { ticketId: 'INC-1' } }], runContext({ signal: lateController.signal }));
    await sleep(15);
    leader.abort(new Error('leader left'));
    lateController.abort(new Error('late follower left'));
    const [leaderResults, followerResults, lateResults] = await Promise.all([leaderRun, followerRun, lateFollower]);
    expect(leaderResults[0]).toMatchObject({ ok: false, error: { code: 'HOTPATH_ABORTED' } });
    expect(lateResults[0]).toMatchObject({ ok: false, error: { code: 'HOTPATH_ABORTED' } });
    expect(followerResults[0]).toMatchObject({ ok: true });
    expect(followerResults[0]!.record.source).toBe('shared');
    expect(lookup.calls).toHaveLength(1);
    expect(lookup.calls[0]!.context.signal.aborted).toBe(false);
    expect(lookup.calls[0]!.completed).toBe(true);
  });
});

describe('tool executor: side effects run once', () => {
  it('answers a repeated call id in the same run with the first result, even across batches', async () => {
    let effects = 0;
    const refund = fakeTool({ name: 'issue_refund', delayMs: 20, readOnly: false, result: () => ({ refundId: `r-${++effects}` }) });
    const executor = createToolExecutor({ tools: [refund.tool] });
    const context = runContext();
    const call = { id: 'call-1', toolName: 'issue_refund', input: { orderId: 'o-1', amount: 5 } };
    const [first, duplicate] = await executor.execute([call, call], context);
    const [later] = await executor.execute([{ ...call, input: { amount: 5, orderId: 'o-1' } }], context);
    expect(refund.calls).toHaveLength(1);
    expect(first).toMatchObject({ ok: true, output: { refundId: 'r-1' } });
    expect(duplicate).toMatchObject({ ok: true, output: { refundId: 'r-1' } });
    expect(later).toMatchObject({ ok: true, output: { refundId: 'r-1' } });
    expect(duplicate!.record.source).toBe('shared');
    // Another run with the same call id is another request: it runs.
    await executor.execute([call], runContext());
    expect(refund.calls).toHaveLength(2);
  });

  it('refuses a reused call id with a different input', async () => {
    const refund = fakeTool({ name: 'issue_refund', readOnly: false });
    const executor = createToolExecutor({ tools: [refund.tool] });
    const context = runContext();
    await executor.execute([{ id: 'call-1', toolName: 'issue_refund', input: { amount: 5 } }], context);
    const [reused] = await executor.execute([{ id: 'call-1', toolName: 'issue_refund', input: { amount: 500 } }], context);
    expect(reused).toMatchObject({ ok: false, error: { code: 'HOTPATH_INVALID_ARGUMENT' } });
    expect(refund.calls).toHaveLength(1);
  });

  it('runs identical side-effecting calls with different ids separately (no sharing)', async () => {
    const note = fakeTool({ name: 'add_note', delayMs: 10, readOnly: false });
    const executor = createToolExecutor({ tools: [note.tool] });
    await executor.execute([{ id: 'a', toolName: 'add_note', input: { text: 'hi' } }, { id: 'b', toolName: 'add_note', input: { text: 'hi' } }], runContext());
    expect(note.calls).toHaveLength(2);
  });

  it('lets a repeated call id run when the first never reached the tool', async () => {
    const refund = fakeTool({ name: 'issue_refund', readOnly: false });
    const executor = createToolExecutor({ tools: [refund.tool] });
    const context = runContext();
    const call = { id: 'call-1', toolName: 'issue_refund', input: {} };
    const controller = new AbortController();
    controller.abort();
    const [first] = await executor.execute([call], { ...context, signal: controller.signal });
    expect(first!.ok).toBe(false);
    const [second] = await executor.execute([call], context);
    expect(second!.ok).toBe(true);
    expect(refund.calls).toHaveLength(1);
  });

  it('never retries a side-effecting tool that is not idempotent', async () => {
    const refund = fakeTool({ name: 'issue_refund', readOnly: false, idempotent: false, retries: 3, result: () => { throw unavailable(); } });
    const executor = createToolExecutor({ tools: [refund.tool], retry: { baseDelayMs: 1 } });
    const [result] = await executor.execute([{ id: 'a', toolName: 'issue_refund', input: {} }], runContext());
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(refund.calls).toHaveLength(1);
  });

  it('retries an idempotent side-effecting tool and a read-only tool', async () => {
    const setStatus = fakeTool({ name: 'set_status', readOnly: false, idempotent: true, retries: 3, result: (_input, attempt) => {
      if (attempt < 2) throw unavailable();
      return { status: 'closed' };
    } });
    const lookup = fakeTool({ name: 'get_ticket', readOnly: true, retries: 1, result: (_input, attempt) => {
      if (attempt === 0) throw new HotpathError('HOTPATH_CONNECTION_ERROR', 'socket hang up');
      return { status: 'open' };
    } });
    const executor = createToolExecutor({ tools: [setStatus.tool, lookup.tool], retry: { baseDelayMs: 1 } });
    const [set, read] = await executor.execute([{ id: 'a', toolName: 'set_status', input: {} }, { id: 'b', toolName: 'get_ticket', input: {} }], runContext());
    expect(set).toMatchObject({ ok: true, output: { status: 'closed' }, attempts: 3 });
    expect(read).toMatchObject({ ok: true, output: { status: 'open' }, attempts: 2 });
  });

  it('does not retry errors that are not retryable', async () => {
    const lookup = fakeTool({ name: 'get_ticket', readOnly: true, retries: 3, result: () => { throw new HotpathError('HOTPATH_TOOL_ERROR', 'not found', { statusCode: 404 }); } });
    const executor = createToolExecutor({ tools: [lookup.tool], retry: { baseDelayMs: 1 } });
    await executor.execute([{ id: 'a', toolName: 'get_ticket', input: {} }], runContext());
    expect(lookup.calls).toHaveLength(1);
  });
});

describe('tool executor: retries', () => {
  it('waits what Retry-After asks before retrying', async () => {
    const lookup = fakeTool({ name: 'get_ticket', readOnly: true, retries: 2, result: (_input, attempt) => {
      if (attempt === 0) throw unavailable(60);
      return 'ok';
    } });
    const executor = createToolExecutor({ tools: [lookup.tool], retry: { baseDelayMs: 1 } });
    const [result] = await executor.execute([{ id: 'a', toolName: 'get_ticket', input: {} }], runContext());
    expect(result).toMatchObject({ ok: true, output: 'ok', attempts: 2 });
    expect(lookup.calls[1]!.startedAt - lookup.calls[0]!.startedAt).toBeGreaterThanOrEqual(55);
  });

  it('fails at once rather than waiting past the deadline', async () => {
    const lookup = fakeTool({ name: 'get_ticket', readOnly: true, retries: 2, result: () => { throw unavailable(2_000); } });
    const executor = createToolExecutor({ tools: [lookup.tool] });
    const started = performance.now();
    const [result] = await executor.execute([{ id: 'a', toolName: 'get_ticket', input: {} }], runContext({ deadline: Date.now() + 300 }));
    expect(performance.now() - started).toBeLessThan(100);
    expect(result).toMatchObject({ ok: false, error: { message: 'upstream busy' }, attempts: 1 });
  });

  it('retries a timed-out attempt of a read-only tool', async () => {
    const lookup = fakeTool({ name: 'get_ticket', readOnly: true, retries: 1, timeoutMs: 30, delayMs: (_input, attempt) => (attempt === 0 ? 500 : 5) });
    const executor = createToolExecutor({ tools: [lookup.tool], retry: { baseDelayMs: 1 } });
    const [result] = await executor.execute([{ id: 'a', toolName: 'get_ticket', input: {} }], runContext());
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(lookup.calls[0]!.context.signal.aborted).toBe(true);
  });
});
