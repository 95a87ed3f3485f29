export type { ConnectionCounters, PoolCounters } from './connection-counters.js';
export {
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
  type HttpPoolOptions,
  type HttpRequest,
  type HttpResponse,
  type WarmOptions,
} from './http-client.js';
export type { HttpTimings } from './http-timings.js';
export { mapTransportError, type TransportErrorContext } from './map-transport-error.js';
export { readServerSentEvents, type ServerSentEvent } from './server-sent-events.js';
export { createTrackedPool, traceRequest, type RequestConnectionTrace, type SocketAssignment, type TrackedPoolOptions } from './tracked-pool.js';
