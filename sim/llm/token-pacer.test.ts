import { describe, expect, it } from 'vitest';
import { createSimClock } from '../clock/index.js';
import { minTickForLoad, paceUnits } from './token-pacer.js';

const units = (count: number) => Array.from({ length: count }, (_, index) => ({ endToken: index + 1 }));

describe('paceUnits', () => {
  it('writes many due tokens per tick instead of one timer per token, and ends when the last is due', async () => {
    const clock = createSimClock(1);
    const batches: number[] = [];
    const lastFlags: boolean[] = [];
    const started = performance.now();
    await paceUnits({ clock, units: units(200), msPerOutputToken: 1, write: (batch, last) => { batches.push(batch.length); lastFlags.push(last); }, signal: new AbortController().signal, minTickWallMs: 15 });
    expect(lastFlags.indexOf(true)).toBe(lastFlags.length - 1);
    const elapsed = performance.now() - started;
    expect(batches.reduce((sum, size) => sum + size, 0)).toBe(200);
    expect(batches[0]).toBeGreaterThanOrEqual(1);
    expect(batches.length).toBeLessThanOrEqual(16);
    expect(batches.length).toBeGreaterThanOrEqual(8);
    expect(elapsed).toBeGreaterThanOrEqual(197);
    expect(elapsed).toBeLessThan(400);
  });

  it('scales token spacing by the clock', async () => {
    const clock = createSimClock(0.1);
    const started = performance.now();
    await paceUnits({ clock, units: units(11), msPerOutputToken: 100, write: () => undefined, signal: new AbortController().signal });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(99);
    expect(elapsed).toBeLessThan(300);
  });

  it('stops writing as soon as it is aborted', async () => {
    const clock = createSimClock(1);
    const controller = new AbortController();
    let written = 0;
    const pacing = paceUnits({ clock, units: units(100), msPerOutputToken: 5, write: (batch) => (written += batch.length), signal: controller.signal });
    setTimeout(() => controller.abort(new Error('gone')), 60);
    await expect(pacing).rejects.toThrow('gone');
    const atAbort = written;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(written).toBe(atAbort);
    expect(atAbort).toBeGreaterThan(0);
    expect(atAbort).toBeLessThan(100);
  });

  it('writes an empty first batch for a plan without output, and resolves', async () => {
    const batches: Array<[unknown[], boolean]> = [];
    await paceUnits({ clock: createSimClock(1), units: [], msPerOutputToken: 5, write: (batch, last) => batches.push([batch, last]), signal: new AbortController().signal });
    expect(batches).toEqual([[[], true]]);
  });
});

describe('minTickForLoad', () => {
  it('keeps the 15 ms tick under light load and stretches it with many calls in flight', () => {
    expect(minTickForLoad(1)).toBe(15);
    expect(minTickForLoad(200)).toBe(15);
    expect(minTickForLoad(1000)).toBe(50);
  });
});
