import { describe, expect, it } from 'vitest';
import { sleep } from './deadline.js';
import { SingleFlight } from './single-flight.js';

describe('SingleFlight', () => {
  it('runs identical concurrent work once and marks the followers as shared', async () => {
    const flights = new SingleFlight<number>();
    let runs = 0;
    const operation = async () => {
      runs++;
      await sleep(20);
      return 42;
    };
    const results = await Promise.all([flights.run('k', operation), flights.run('k', operation), flights.run('other', operation)]);
    expect(runs).toBe(2);
    expect(results.map((result) => [result.value, result.shared])).toEqual([[42, false], [42, true], [42, false]]);
    expect(flights.size).toBe(0);
  });

  it('starts afresh once the previous flight settled', async () => {
    const flights = new SingleFlight<number>();
    let runs = 0;
    await flights.run('k', async () => ++runs);
    const second = await flights.run('k', async () => ++runs);
    expect(second).toEqual({ value: 2, shared: false });
  });

  it('shares failures too', async () => {
    const flights = new SingleFlight<number>();
    const operation = async () => {
      await sleep(5);
      throw new Error('upstream down');
    };
    const results = await Promise.allSettled([flights.run('k', operation), flights.run('k', operation)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });

  it('an aborted caller leaves alone; the work goes on while others still wait', async () => {
    const flights = new SingleFlight<string>();
    let workSignal: AbortSignal | undefined;
    const operation = async (signal: AbortSignal) => {
      workSignal = signal;
      await sleep(40, signal);
      return 'done';
    };
    const leader = new AbortController();
    const leaderResult = flights.run('k', operation, { signal: leader.signal });
    const followerResult = flights.run('k', operation);
    expect(flights.waiters('k')).toBe(2);
    leader.abort(new Error('leader gave up'));
    await expect(leaderResult).rejects.toThrow('leader gave up');
    expect(workSignal?.aborted).toBe(false);
    await expect(followerResult).resolves.toEqual({ value: 'done', shared: true });
  });

  it('aborts the work when every caller gave up, and the next caller starts new work', async () => {
    const flights = new SingleFlight<string>();
    const signals: AbortSignal[] = [];
    const operation = async (signal: AbortSignal) => {
      signals.push(signal);
      await sleep(1_000, signal);
      return 'late';
    };
    const first = new AbortController();
    const second = new AbortController();
    const results = [flights.run('k', operation, { signal: first.signal }), flights.run('k', operation, { signal: second.signal })];
    first.abort(new Error('one'));
    second.abort(new Error('two'));
    await expect(Promise.allSettled(results)).resolves.toHaveLength(2);
    expect(signals[0]?.aborted).toBe(true);
    expect(flights.size).toBe(0);
    const fresh = flights.run('k', async () => 'fresh');
    await expect(fresh).resolves.toEqual({ value: 'fresh', shared: false });
  });

  it('rejects at once when the caller is already aborted', async () => {
    const flights = new SingleFlight<number>();
    let runs = 0;
    await expect(flights.run('k', async () => ++runs, { signal: AbortSignal.abort(new Error('late')) })).rejects.toThrow('late');
    expect(runs).toBe(0);
  });
});

describe('SingleFlight deadlines', () => {
  it('shows the work the latest deadline among its callers', async () => {
    const flights = new SingleFlight<number | undefined>();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const operation = async (_signal: AbortSignal, info: { deadline: number | undefined }) => {
      await gate;
      return info.deadline;
    };
    const first = flights.run('k', operation, { deadline: 1_000 });
    const second = flights.run('k', operation, { deadline: 3_000 });
    const third = flights.run('k', operation, { deadline: 2_000 });
    release();
    expect((await Promise.all([first, second, third])).map((result) => result.value)).toEqual([3_000, 3_000, 3_000]);
    const unbounded = flights.run('u', async (_signal, info) => {
      await sleep(1);
      return info.deadline;
    }, { deadline: 1_000 });
    const joined = flights.run('u', async (_signal, info) => info.deadline);
    expect((await unbounded).value).toBeUndefined();
    expect((await joined).shared).toBe(true);
  });
});
