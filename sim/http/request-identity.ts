// Every call a client makes for one benchmark request carries `x-request-id: <key>#<namespace>`.
// - key: the workload request's id. Samples are drawn from (seed, key, call), so every
//   implementation sending that request sees the same latencies (common random numbers).
// - namespace: who is acting (the agent under test). Writes land in that namespace's view of the
//   world, so agents replaying the same request do not see each other's side effects.
// Without the header, the key is derived from the call's content and the namespace is "default".

export const requestIdHeader = 'x-request-id';
export const defaultNamespace = 'default';

export interface RequestIdentity {
  /** The full request id as sent (or synthesised). */
  requestId: string;
  /** Common-random-number key. */
  key: string;
  namespace: string;
}

export function formatRequestId(key: string, namespace: string): string {
  return `${key}#${namespace}`;
}

export function parseRequestIdentity(headerValue: string | string[] | undefined, fallbackKey: string): RequestIdentity {
  const raw = Array.isArray(headerValue) ? headerValue[0] : headerValue;
  if (!raw || raw.trim() === '') {
    return { requestId: fallbackKey, key: fallbackKey, namespace: defaultNamespace };
  }
  const value = raw.trim();
  const separator = value.indexOf('#');
  if (separator < 0) return { requestId: value, key: value, namespace: defaultNamespace };
  const key = value.slice(0, separator) || fallbackKey;
  const namespace = value.slice(separator + 1) || defaultNamespace;
  return { requestId: value, key, namespace };
}
