// The in-process invalidation bus: a published notice reaches every subscriber synchronously, as the
// same object, before `publish` returns.

import type { ChangeNotice, InvalidationBus } from '../../spec/index.js';
import { checkNotice } from './check-notice.js';
import { ListenerSet } from './listener-set.js';

export interface LocalBusOptions {
  /** Told when a listener throws (the notice still reaches the others). */
  onListenerError?: (error: unknown) => void;
}

export function createLocalBus(options: LocalBusOptions = {}): InvalidationBus {
  const listeners = new ListenerSet<ChangeNotice>(options.onListenerError);
  return {
    publish(notice) {
      try {
        listeners.emit(checkNotice(notice, 'InvalidationBus.publish'));
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
    subscribe: (listener) => listeners.add(listener),
    async close() {
      listeners.clear();
    },
  };
}
