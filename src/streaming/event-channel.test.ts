import { describe, expect, it } from 'vitest';
import { EventChannel } from './event-channel.js';

describe('EventChannel', () => {
  it('delivers pushed values in order, before and after the consumer waits', async () => {
    const channel = new EventChannel<number>();
    channel.push(1);
    setTimeout(() => {
      channel.push(2);
      channel.push(3);
      channel.close();
    }, 5);
    const seen: number[] = [];
    for await (const value of channel) seen.push(value);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('rejects the waiting consumer when failed', async () => {
    const channel = new EventChannel<number>();
    setTimeout(() => channel.fail(new Error('boom')), 5);
    await expect((async () => {
      for await (const _ of channel) { /* drain */ }
    })()).rejects.toThrow('boom');
  });

  it('calls onCancel when the consumer stops early, and drops later pushes', async () => {
    let cancelled = 0;
    const channel = new EventChannel<number>({ onCancel: () => cancelled++ });
    channel.push(1);
    channel.push(2);
    for await (const value of channel) {
      expect(value).toBe(1);
      break;
    }
    channel.push(3);
    expect(cancelled).toBe(1);
    expect(channel.isClosed).toBe(true);
  });
});
