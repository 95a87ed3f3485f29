import { describe, expect, it } from 'vitest';
import { deadlineSignal, earliestDeadline, remainingMs } from './deadline.js';
import { HotpathError } from './hotpath-error.js';

describe('deadlines', () => {
  it('computes remaining time and the earliest of two deadlines', () => {
    expect(remainingMs(undefined)).toBe(Number.POSITIVE_INFINITY);
    expect(remainingMs(1_000, 400)).toBe(600);
    expect(earliestDeadline(undefined, 5)).toBe(5);
    expect(earliestDeadline(7, 5)).toBe(5);
  });

  it('aborts with a deadline error when the deadline passes first', async () => {
    const { signal, dispose } = deadlineSignal({ deadline: Date.now() + 20, timeoutMs: 5_000, what: 'model call' });
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    expect(HotpathError.isInstance(signal.reason) && signal.reason.code).toBe('HOTPATH_DEADLINE_EXCEEDED');
    dispose();
  });

  it('aborts with a timeout error when the timeout is shorter', async () => {
    const { signal, dispose } = deadlineSignal({ deadline: Date.now() + 5_000, timeoutMs: 20, what: 'tool call' });
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    expect(HotpathError.isInstance(signal.reason) && signal.reason.code).toBe('HOTPATH_TIMEOUT');
    dispose();
  });

  it('follows the parent signal', () => {
    const parent = new AbortController();
    const { signal, dispose } = deadlineSignal({ signal: parent.signal });
    parent.abort(new Error('user cancelled'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('user cancelled');
    dispose();
  });
});
