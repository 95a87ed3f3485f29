import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.js';
import { HotpathError } from './hotpath-error.js';

function fakeClock() {
  let time = 1_000;
  return { now: () => time, advance: (ms: number) => { time += ms; } };
}

function fail(breaker: CircuitBreaker, times: number) {
  for (let index = 0; index < times; index++) breaker.acquire()?.failure();
}

describe('CircuitBreaker', () => {
  it('opens after N failures inside the window and refuses calls while open', () => {
    const clock = fakeClock();
    const breaker = new CircuitBreaker({ name: 'tickets', failureThreshold: 3, windowMs: 1_000, coolDownMs: 500, now: clock.now });
    fail(breaker, 2);
    expect(breaker.state).toBe('closed');
    fail(breaker, 1);
    expect(breaker.state).toBe('open');
    expect(breaker.acquire()).toBeUndefined();
    let thrown: unknown;
    try {
      breaker.acquireOrThrow();
    } catch (error) {
      thrown = error;
    }
    expect(HotpathError.isInstance(thrown) && thrown.code).toBe('HOTPATH_CIRCUIT_OPEN');
    expect(HotpathError.isInstance(thrown) && thrown.retryAfterMs).toBe(500);
  });

  it('forgets failures that left the window', () => {
    const clock = fakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, windowMs: 1_000, now: clock.now });
    fail(breaker, 2);
    clock.advance(1_500);
    fail(breaker, 2);
    expect(breaker.state).toBe('closed');
    fail(breaker, 1);
    expect(breaker.state).toBe('open');
  });

  it('opens on the failure ratio once enough calls were seen', () => {
    const clock = fakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 100, failureRatio: 0.5, minimumRequests: 4, now: clock.now });
    breaker.acquire()?.success();
    breaker.acquire()?.failure();
    breaker.acquire()?.success();
    expect(breaker.state).toBe('closed');
    breaker.acquire()?.failure();
    expect(breaker.state).toBe('open');
  });

  it('lets one probe through after the cool-down; a successful probe closes the circuit', () => {
    const clock = fakeClock();
    const changes: Array<[CircuitState, CircuitState]> = [];
    const breaker = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 500, now: clock.now, onStateChange: ({ from, to }) => changes.push([from, to]) });
    fail(breaker, 1);
    clock.advance(499);
    expect(breaker.acquire()).toBeUndefined();
    clock.advance(1);
    expect(breaker.state).toBe('half-open');
    const probe = breaker.acquire();
    expect(probe).toBeDefined();
    expect(breaker.acquire()).toBeUndefined();
    probe!.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.acquire()).toBeDefined();
    expect(changes).toEqual([['closed', 'open'], ['open', 'half-open'], ['half-open', 'closed']]);
  });

  it('re-opens when the probe fails, and a released probe frees the slot', () => {
    const clock = fakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, coolDownMs: 100, now: clock.now });
    fail(breaker, 1);
    clock.advance(100);
    breaker.acquire()!.release();
    expect(breaker.state).toBe('half-open');
    breaker.acquire()!.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.retryAfterMs()).toBe(100);
  });

  it('counts each permit once', () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2 });
    const permit = breaker.acquire()!;
    permit.failure();
    permit.failure();
    expect(breaker.state).toBe('closed');
  });

  it('names the bad option', () => {
    expect(() => new CircuitBreaker({ coolDownMs: -1 })).toThrow(/coolDownMs/);
    expect(() => new CircuitBreaker({ failureRatio: 2 })).toThrow(/failureRatio/);
    expect(() => new CircuitBreaker({ failureThreshold: 1.5 })).toThrow(/failureThreshold/);
  });
});
