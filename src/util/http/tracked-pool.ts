// A keep-alive undici Pool whose requests learn whether they opened a new connection and how long
// they waited for one. undici does not hand a request's handler its socket, so each client of the
// pool wraps its own connector (it knows when its socket is fresh) and tells the requests whose
// dispatch options were registered with `traceRequest` when they get that socket.

import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import { Client, Pool, type Dispatcher, type buildConnector } from 'undici';
import type { ConnectionCounters } from './connection-counters.js';

export interface SocketAssignment {
  /** The request is the first on a connection opened for it. */
  connectionOpened: boolean;
  /** Ms it took to open that connection. */
  connectMs: number | undefined;
}

/** Registered per request (keyed by its dispatch options object, which undici passes through). */
export interface RequestConnectionTrace {
  /** performance.now() when the request was issued: a connection opened before it was not opened for it. */
  readonly issuedAt: number;
  onSocket(assignment: SocketAssignment): void;
}

const traces = new WeakMap<object, RequestConnectionTrace>();

/** Asks the tracked pool to report which connection serves the request dispatched with `dispatchOptions`. */
export function traceRequest(dispatchOptions: object, trace: RequestConnectionTrace): void {
  traces.set(dispatchOptions, trace);
}

export interface TrackedPoolOptions {
  /** Maximum connections to the origin. */
  connections: number;
  counters: ConnectionCounters;
  /** How long an idle connection is kept (the server's keep-alive hint may shorten it). */
  keepAliveTimeoutMs?: number;
  connectTimeoutMs?: number;
}

interface ConnectionState {
  /** A socket is connected and no request has used it yet. */
  fresh: boolean;
  connectMs: number | undefined;
  /** performance.now() when the socket finished connecting. */
  connectedAt: number;
}

export function createTrackedPool(origin: string | URL, options: TrackedPoolOptions): Pool {
  const { connections, counters, keepAliveTimeoutMs = 30_000, connectTimeoutMs = 10_000 } = options;
  return new Pool(origin, {
    connections,
    pipelining: 1,
    keepAliveTimeout: keepAliveTimeoutMs,
    keepAliveMaxTimeout: Math.max(keepAliveTimeoutMs, 600_000),
    connectTimeout: connectTimeoutMs,
    factory: (clientOrigin, clientOptions) => {
      const state: ConnectionState = { fresh: false, connectMs: undefined, connectedAt: 0 };
      const baseConnect = (clientOptions as Client.Options).connect as buildConnector.connector;
      const connect: buildConnector.connector = (connectOptions, callback) => {
        const started = performance.now();
        baseConnect(connectOptions, (...result) => {
          if (result[0] === null) {
            counters.opened++;
            state.fresh = true;
            state.connectedAt = performance.now();
            state.connectMs = state.connectedAt - started;
          } else {
            counters.failed++;
          }
          callback(...result);
        });
      };
      return new TrackedClient(clientOrigin, { ...(clientOptions as Client.Options), connect }, state);
    },
  });
}

class TrackedClient extends Client {
  readonly #state: ConnectionState;

  constructor(origin: URL, options: Client.Options, state: ConnectionState) {
    super(origin, options);
    this.#state = state;
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const trace = traces.get(options);
    if (trace === undefined || typeof handler.onConnect !== 'function') return super.dispatch(options, handler);
    return super.dispatch(options, new SocketObservingHandler(handler, () => trace.onSocket(this.#claimSocket(trace.issuedAt))));
  }

  #claimSocket(issuedAt: number): SocketAssignment {
    // A fresh socket left over by an aborted request was not opened for this one.
    const connectionOpened = this.#state.fresh && this.#state.connectedAt >= issuedAt;
    this.#state.fresh = false;
    return { connectionOpened, connectMs: connectionOpened ? this.#state.connectMs : undefined };
  }
}

/**
 * Forwards every callback of undici's handler protocol as a pool hands it to its clients, and
 * reports when the request is written on a socket (`onConnect`).
 */
class SocketObservingHandler implements Dispatcher.DispatchHandler {
  readonly #inner: Dispatcher.DispatchHandler;
  readonly #onSocket: () => void;

  constructor(inner: Dispatcher.DispatchHandler, onSocket: () => void) {
    this.#inner = inner;
    this.#onSocket = onSocket;
  }

  onConnect(abort: (error?: Error) => void): void {
    this.#onSocket();
    this.#inner.onConnect?.(abort);
  }

  onError(error: Error): void {
    this.#inner.onError?.(error);
  }

  onUpgrade(statusCode: number, headers: Buffer[] | string[] | null, socket: Duplex): void {
    this.#inner.onUpgrade?.(statusCode, headers, socket);
  }

  onResponseStarted(): void {
    this.#inner.onResponseStarted?.();
  }

  onHeaders(statusCode: number, headers: Buffer[], resume: () => void, statusText: string): boolean {
    return this.#inner.onHeaders?.(statusCode, headers, resume, statusText) ?? true;
  }

  onData(chunk: Buffer): boolean {
    return this.#inner.onData?.(chunk) ?? true;
  }

  onComplete(trailers: string[] | null): void {
    this.#inner.onComplete?.(trailers);
  }

  onBodySent(chunkSize: number, totalBytesSent: number): void {
    this.#inner.onBodySent?.(chunkSize, totalBytesSent);
  }
}
