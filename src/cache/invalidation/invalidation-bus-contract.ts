// One contract every InvalidationBus passes (in-process, Redis). Imported only by tests.

import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeNotice, InvalidationBus } from '../../spec/index.js';

export interface InvalidationBusContractOptions {
  create(): InvalidationBus | Promise<InvalidationBus>;
  /** Two buses standing for two processes on one channel, both ready. */
  createPeers?(): Promise<[InvalidationBus, InvalidationBus]>;
}

export function describeInvalidationBusContract(name: string, options: InvalidationBusContractOptions): void {
  describe(`InvalidationBus contract: ${name}`, () => {
    const opened: InvalidationBus[] = [];
    const open = async () => {
      const bus = await options.create();
      opened.push(bus);
      return bus;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((bus) => bus.close?.()));
    });

    it('delivers a notice to every local subscriber synchronously, as the same object', async () => {
      const bus = await open();
      const first: ChangeNotice[] = [];
      const second: ChangeNotice[] = [];
      bus.subscribe((notice) => first.push(notice));
      bus.subscribe((notice) => second.push(notice));
      const notice: ChangeNotice = { tags: ['ticket:1'], source: 'api', at: 1, tenant: 'acme', user: 'u1' };
      const published = bus.publish(notice);
      expect(first).toEqual([notice]);
      expect(first[0]).toBe(notice);
      expect(second[0]).toBe(notice);
      await published;
      expect(first).toHaveLength(1);
    });

    it('stops delivering after unsubscribe', async () => {
      const bus = await open();
      const seen: string[] = [];
      const unsubscribe = bus.subscribe((notice) => seen.push(notice.tags[0]!));
      await bus.publish({ tags: ['a'], source: 'api' });
      unsubscribe();
      unsubscribe();
      await bus.publish({ tags: ['b'], source: 'api' });
      expect(seen).toEqual(['a']);
    });

    it('keeps delivering when a listener throws', async () => {
      const bus = await open();
      const seen: string[] = [];
      bus.subscribe(() => {
        throw new Error('listener failed');
      });
      bus.subscribe((notice) => seen.push(notice.source));
      await expect(bus.publish({ tags: ['a'], source: 'write' })).resolves.toBeUndefined();
      expect(seen).toEqual(['write']);
    });

    it('refuses a malformed notice, naming the field', async () => {
      const bus = await open();
      const seen: ChangeNotice[] = [];
      bus.subscribe((notice) => seen.push(notice));
      await expect(bus.publish({ tags: ['ok', 7], source: 'api' } as unknown as ChangeNotice)).rejects.toThrow(/tags\[1\]/);
      await expect(bus.publish({ tags: ['ok'] } as unknown as ChangeNotice)).rejects.toThrow(/source/);
      expect(seen).toEqual([]);
    });

    if (options.createPeers) {
      const createPeers = options.createPeers;
      it('carries a notice to the other process within 100 ms, and once to its own', async () => {
        const [sender, receiver] = await createPeers();
        opened.push(sender, receiver);
        const own: ChangeNotice[] = [];
        sender.subscribe((notice) => own.push(notice));
        const arrived = new Promise<{ notice: ChangeNotice; at: number }>((resolve) => {
          receiver.subscribe((notice) => resolve({ notice, at: performance.now() }));
        });
        const sentAt = performance.now();
        await sender.publish({ tags: ['user:u7'], source: 'write', at: 123, tenant: 'acme' });
        const { notice, at } = await arrived;
        expect(notice).toEqual({ tags: ['user:u7'], source: 'write', at: 123, tenant: 'acme' });
        expect(at - sentAt).toBeLessThan(100);
        await new Promise((resolve) => setTimeout(resolve, 30));
        expect(own).toHaveLength(1);
      });
    }
  });
}
