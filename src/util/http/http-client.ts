// Pooled HTTP for calls to upstreams (model providers): one keep-alive pool per origin, connections
// that can be opened before traffic (`warm`), per-request timings (queue wait, whether the request
// paid connection setup, time to headers), and a time-to-headers timeout so a slow upstream fails
// over instead of holding the caller. Transport failures become HotpathErrors.

import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { deadlineSignal } from '../deadline.js';
import { HotpathError } from '../hotpath-error.js';
import { createConnectionCounters, type ConnectionCounters, type PoolCounters } from './connection-counters.js';
import type { HttpTimings } from './http-timings.js';
import { mapTransportError } from './map-transport-error.js';
import { readServerSentEvents, type ServerSentEvent } from './server-sent-events.js';
import { createTrackedPool, traceRequest } from './tracked-pool.js';

export interface HttpPoolOptions {
  connections: number;
  /** Counters the dispatcher should keep (the default pool fills them in). */
  counters: ConnectionCounters;
  keepAliveTimeoutMs: number;
  connectTimeoutMs: number;
}

export interface HttpClientOptions {
  /** Connections per origin. Default 16. */
  connections?: number;
  /** How long idle connections stay open (a server's keep-alive hint may shorten it). Default 30 s. */
  keepAliveTimeoutMs?: number;
  /** Default 10 s. */
  connectTimeoutMs?: number;
  /** Builds the dispatcher of an origin (tests and simulators inject theirs); `close()` closes them. */
  factory?: (origin: string, options: HttpPoolOptions) => Dispatcher;
  /** One dispatcher for every origin, owned by the caller (`close()` leaves it open). */
  dispatcher?: Dispatcher;
  /** Largest body `text()` reads. Default 16 MiB. */
  maxBodyBytes?: number;
}

export interface HttpRequest {
  url: string | URL;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Sent as `application/json`. */
  json?: unknown;
  signal?: AbortSignal;
  /** Absolute deadline (epoch ms) for the whole exchange, body included. */
  deadline?: number;
  /** Time allowed until the response headers (queue and connection setup included). */
  timeoutMs?: number;
}

export interface HttpResponse {
  readonly statusCode: number;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly timings: HttpTimings;
  /** The whole body as text. */
  text(): Promise<string>;
  /** The whole body parsed as JSON (HOTPATH_PROVIDER_BAD_RESPONSE when it is not JSON). */
  json(): Promise<unknown>;
  /** The body as Server-Sent Events, each yielded as soon as it is complete. */
  events(): AsyncGenerator<ServerSentEvent>;
  /** Abandons the body: an unfinished response closes its connection. Idempotent. */
  close(): void;
}

export interface WarmOptions {
  origin: string;
  /** Connections that should be open when `warm` resolves. */
  connections: number;
  /** Path of the cheap request sent on each connection. Default "/". */
  path?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
  /** Opens connections to `origin` before traffic; resolves with how many it opened. */
  warm(options: WarmOptions): Promise<number>;
  /** Connection counters of an origin (zeros before its first request). */
  counters(origin: string): PoolCounters;
  close(): Promise<void>;
}

interface OriginEntry {
  dispatcher: Dispatcher;
  counters: ConnectionCounters;
  owned: boolean;
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const settings = validateOptions(options);
  const origins = new Map<string, OriginEntry>();

  function entryFor(origin: string): OriginEntry {
    let entry = origins.get(origin);
    if (entry === undefined) {
      const counters = createConnectionCounters();
      const poolOptions: HttpPoolOptions = { ...settings.pool, counters };
      if (options.dispatcher) entry = { dispatcher: options.dispatcher, counters, owned: false };
      else if (options.factory) entry = { dispatcher: options.factory(origin, poolOptions), counters, owned: true };
      else entry = { dispatcher: createTrackedPool(origin, poolOptions), counters, owned: true };
      origins.set(origin, entry);
    }
    return entry;
  }

  async function request(httpRequest: HttpRequest): Promise<HttpResponse> {
    const url = typeof httpRequest.url === 'string' ? new URL(httpRequest.url) : httpRequest.url;
    const method = httpRequest.method ?? (httpRequest.json === undefined ? 'GET' : 'POST');
    const what = `${method} ${url.origin}${url.pathname}`;
    const { dispatcher } = entryFor(url.origin);
    const exchange = startExchange({ ...httpRequest, what });
    const timings: HttpTimings = { startedAt: Date.now() };
    const started = performance.now();
    const headers: Record<string, string> = { ...httpRequest.headers };
    if (httpRequest.json !== undefined) headers['content-type'] ??= 'application/json';
    const dispatchOptions: Dispatcher.RequestOptions = {
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method,
      headers,
      body: httpRequest.json === undefined ? null : JSON.stringify(httpRequest.json),
      signal: exchange.signal,
      // Our own timers bound the exchange; undici's defaults (300 s) stay as a backstop.
    };
    traceRequest(dispatchOptions, {
      issuedAt: started,
      onSocket({ connectionOpened, connectMs }) {
        const waited = performance.now() - started;
        timings.connectionOpened = connectionOpened;
        timings.connectMs = connectMs;
        timings.queueMs = Math.max(0, waited - (connectMs ?? 0));
      },
    });
    let response: Dispatcher.ResponseData;
    try {
      response = await dispatcher.request(dispatchOptions);
    } catch (error) {
      exchange.finish();
      throw mapTransportError(error, { what, signal: exchange.signal });
    }
    exchange.headersArrived();
    timings.headersMs = performance.now() - started;
    return createResponse({ response, timings, exchange, what, maxBodyBytes: settings.maxBodyBytes });
  }

  async function warm(warmOptions: WarmOptions): Promise<number> {
    const { origin, connections, path = '/', headers, signal, timeoutMs = 10_000 } = warmOptions;
    if (!Number.isInteger(connections) || connections < 1) {
      throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `warm: connections must be a positive integer, got ${connections}`);
    }
    const entry = entryFor(new URL(origin).origin);
    const openedBefore = entry.counters.opened;
    // Concurrent requests each need their own connection (pipelining is 1), so N of them leave N
    // connections open in the pool; any status will do, the body is drained so the socket is reused.
    const count = Math.min(connections, settings.pool.connections);
    await Promise.all(
      Array.from({ length: count }, async () => {
        const response = await request({ url: new URL(path, origin), method: 'GET', headers, signal, timeoutMs });
        await response.text();
      }),
    );
    return entry.counters.opened - openedBefore;
  }

  function counters(origin: string): PoolCounters {
    const entry = origins.get(new URL(origin).origin);
    if (entry === undefined) return { opened: 0, failed: 0, connected: 0, free: 0, running: 0, queued: 0 };
    const stats = (entry.dispatcher as { stats?: { connected: number; free: number; running: number; queued: number } }).stats;
    return {
      ...entry.counters,
      connected: stats?.connected ?? 0,
      free: stats?.free ?? 0,
      running: stats?.running ?? 0,
      queued: stats?.queued ?? 0,
    };
  }

  async function close(): Promise<void> {
    const owned = [...origins.values()].filter((entry) => entry.owned);
    origins.clear();
    await Promise.all(owned.map((entry) => entry.dispatcher.close()));
  }

  return { request, warm, counters, close };
}

function validateOptions(options: HttpClientOptions) {
  const { connections = 16, keepAliveTimeoutMs = 30_000, connectTimeoutMs = 10_000, maxBodyBytes = 16 * 1024 * 1024 } = options;
  const positiveInteger = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) {
      throw new HotpathError('HOTPATH_INVALID_CONFIG', `HTTP client option "${name}" must be a positive integer, got ${value}`);
    }
  };
  positiveInteger('connections', connections);
  positiveInteger('keepAliveTimeoutMs', keepAliveTimeoutMs);
  positiveInteger('connectTimeoutMs', connectTimeoutMs);
  positiveInteger('maxBodyBytes', maxBodyBytes);
  if (options.factory && options.dispatcher) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', 'HTTP client options "factory" and "dispatcher" are exclusive');
  }
  return { pool: { connections, keepAliveTimeoutMs, connectTimeoutMs }, maxBodyBytes };
}

interface Exchange {
  signal: AbortSignal;
  headersArrived(): void;
  finish(): void;
}

/** The signals of one exchange: caller's abort and deadline for all of it, `timeoutMs` until the headers. */
function startExchange(options: { signal?: AbortSignal; deadline?: number; timeoutMs?: number; what: string }): Exchange {
  const { timeoutMs, what } = options;
  const whole = deadlineSignal({ signal: options.signal, deadline: options.deadline, what });
  if (timeoutMs === undefined) {
    return { signal: whole.signal, headersArrived() {}, finish: () => whole.dispose() };
  }
  const untilHeaders = new AbortController();
  const timer = setTimeout(
    () => untilHeaders.abort(new HotpathError('HOTPATH_TIMEOUT', `${what} sent no response headers within ${timeoutMs} ms`)),
    timeoutMs,
  );
  return {
    signal: AbortSignal.any([whole.signal, untilHeaders.signal]),
    headersArrived: () => clearTimeout(timer),
    finish() {
      clearTimeout(timer);
      whole.dispose();
    },
  };
}

function createResponse(options: {
  response: Dispatcher.ResponseData;
  timings: HttpTimings;
  exchange: Exchange;
  what: string;
  maxBodyBytes: number;
}): HttpResponse {
  const { response, timings, exchange, what, maxBodyBytes } = options;
  const body = response.body;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    exchange.finish();
    if (!body.destroyed && !body.readableEnded) body.destroy();
  };
  body.once('end', finish);
  body.once('error', finish);

  async function text(): Promise<string> {
    const decoder = new TextDecoder();
    let received = 0;
    let result = '';
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        received += chunk.length;
        if (received > maxBodyBytes) {
          throw new HotpathError('HOTPATH_PROVIDER_BAD_RESPONSE', `${what}: response body larger than ${maxBodyBytes} bytes`);
        }
        result += decoder.decode(chunk, { stream: true });
      }
      await connectionReleased();
      return result + decoder.decode();
    } catch (error) {
      throw mapTransportError(error, { what, signal: exchange.signal });
    } finally {
      finish();
    }
  }

  async function json(): Promise<unknown> {
    const raw = await text();
    try {
      return JSON.parse(raw) as unknown;
    } catch (error) {
      throw new HotpathError('HOTPATH_PROVIDER_BAD_RESPONSE', `${what}: response body is not JSON: ${raw.slice(0, 200)}`, {
        cause: error,
        statusCode: response.statusCode,
      });
    }
  }

  async function* events(): AsyncGenerator<ServerSentEvent> {
    try {
      yield* readServerSentEvents(body as AsyncIterable<Buffer>);
      await connectionReleased();
    } catch (error) {
      throw mapTransportError(error, { what, signal: exchange.signal });
    } finally {
      finish();
    }
  }

  return {
    statusCode: response.statusCode,
    headers: normalizeHeaders(response.headers),
    timings,
    text,
    json,
    events,
    close: finish,
  };
}

/**
 * undici frees a pipelining-1 connection one event-loop turn after its response completes (to catch
 * servers that close despite keep-alive). Telling the caller the body ended only after that turn
 * means a request issued right away reuses the connection instead of opening another.
 */
function connectionReleased(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function normalizeHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}
