import { describe, expect, it } from 'vitest';
import { createTagClock } from './tag-clock.js';

describe('TagClock', () => {
  it('reports a change to any snapshot tag made after the snapshot, and only then', () => {
    const clock = createTagClock();
    clock.touch(['ticket:1']);
    const snapshot = clock.snapshot(['ticket:1', 'user:7']);
    expect(clock.changedSince(snapshot)).toBe(false);
    clock.touch(['ticket:2']);
    expect(clock.changedSince(snapshot)).toBe(false);
    clock.touch(['user:7']);
    expect(clock.changedSince(snapshot)).toBe(true);
    expect(clock.changedSince(clock.snapshot(['user:7']))).toBe(false);
  });

  it('treats everything as changed after touchAll', () => {
    const clock = createTagClock();
    const before = clock.snapshot(['a']);
    clock.touchAll();
    expect(clock.changedSince(before)).toBe(true);
    expect(clock.changedSince(clock.snapshot(['a']))).toBe(false);
  });

  it('stays bounded, and errs on "changed" for snapshots older than what it forgot', () => {
    const clock = createTagClock({ maxTags: 2 });
    const old = clock.snapshot(['unrelated']);
    clock.touch(['a']);
    clock.touch(['b']);
    const recent = clock.snapshot(['a']);
    clock.touch(['c']); // forgets 'a' (touched at tick 1)
    expect(clock.changedSince(old)).toBe(true);
    expect(clock.changedSince(recent)).toBe(false);
    expect(clock.changedAfter(recent.at, ['c'])).toBe(true);
  });

  it('names the bad option', () => {
    expect(() => createTagClock({ maxTags: 0 })).toThrow(/option maxTags/);
  });
});
