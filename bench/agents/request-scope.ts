import { AsyncLocalStorage } from 'node:async_hooks';
import { requestIdHeader } from '../../sim/index.js';

// Frameworks make their own HTTP calls; a custom `fetch` reads the current request from
// AsyncLocalStorage so every call of a run carries its `x-request-id`, however deep it is made.

export interface RequestScope {
  requestId: string;
  signal: AbortSignal;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, run: () => T): T {
  return storage.run(scope, run);
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/** A fetch that adds the current run's x-request-id to every request it sends. */
export function createRequestIdFetch(baseFetch: typeof fetch = globalThis.fetch): typeof fetch {
  return (input, init) => {
    const scope = storage.getStore();
    if (scope === undefined) return baseFetch(input, init);
    const headers = new Headers(input instanceof Request ? input.headers : undefined);
    new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
    headers.set(requestIdHeader, scope.requestId);
    return baseFetch(input, { ...init, headers });
  };
}
