// Invalidations across node:cluster workers that cache in memory: a worker's notice is delivered in
// that worker at once and sent to the primary, which relays it to every other worker. So a webhook that
// lands on one worker evicts in all of them, as Redis pub/sub does across machines.

import type { Worker } from 'node:cluster';
import type { ChangeNotice, InvalidationBus } from '../spec/index.js';

interface NoticeMessage {
  type: 'hotpath-notice';
  notice: ChangeNotice;
}

const isNoticeMessage = (message: unknown): message is NoticeMessage =>
  typeof message === 'object' && message !== null && (message as NoticeMessage).type === 'hotpath-notice' && typeof (message as NoticeMessage).notice === 'object';

/** The bus of a worker process. */
export function createClusterWorkerBus(): InvalidationBus {
  const listeners = new Set<(notice: ChangeNotice) => void>();
  const deliver = (notice: ChangeNotice) => {
    for (const listener of listeners) {
      try {
        listener(notice);
      } catch {
        // A failing cache must not stop the others from evicting.
      }
    }
  };
  const onMessage = (message: unknown) => {
    if (isNoticeMessage(message)) deliver(message.notice);
  };
  process.on('message', onMessage);
  return {
    async publish(notice) {
      deliver(notice);
      process.send?.({ type: 'hotpath-notice', notice } satisfies NoticeMessage);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async close() {
      process.off('message', onMessage);
    },
  };
}

/** In the primary: relays each worker's notices to the other workers. */
export function relayClusterNotices(workers: () => readonly Worker[], worker: Worker): void {
  worker.on('message', (message: unknown) => {
    if (!isNoticeMessage(message)) return;
    for (const other of workers()) if (other !== worker && other.isConnected()) other.send(message);
  });
}
