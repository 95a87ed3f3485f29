// Writes a started upstream answer to the client. Non-streaming answers are read whole and written in
// one piece; streams are relayed chunk by chunk as they arrive (respecting backpressure). A stream
// that breaks after it started ends with an error event and [DONE], never silently or hanging.

import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { HotpathError } from '../../util/index.js';
import { toGatewayHttpError, type GatewayHttpError } from '../http/gateway-http-error.js';
import { doneEvent, errorEvent } from './completion-chunks.js';
import type { StartedResponse } from './upstream-attempt.js';

export interface RelayOptions {
  response: ServerResponse;
  started: StartedResponse;
  stream: boolean;
  headers: Record<string, string>;
  /** Keep the body (for the cache), up to this many bytes; 0 keeps nothing. */
  captureBytes: number;
  /** performance.now() of the request's start, for the first-byte time. */
  requestStartedAt: number;
  /** Absolute deadline (epoch ms): an answer still streaming then is cut with an error event. */
  deadline: number;
}

export interface RelayOutcome {
  /** The whole answer reached the client. */
  completed: boolean;
  /** The body, when captured and complete. */
  body?: string;
  /** ms from the request's start to the first body bytes written. */
  firstByteMs: number | undefined;
  error?: GatewayHttpError;
}

const toBuffer = (chunk: Buffer | string) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk);

export async function relayResponse(options: RelayOptions): Promise<RelayOutcome> {
  return withinDeadline(options, options.stream ? pipeStream : readWhole);
}

/** Aborts the upstream when the request's budget runs out, so no relay waits forever. */
function deadlineTimer(options: RelayOptions): NodeJS.Timeout {
  const timer = setTimeout(() => {
    options.started.abort(new HotpathError('HOTPATH_DEADLINE_EXCEEDED', 'the answer took longer than the request budget (limits.requestTimeoutMs)'));
  }, Math.max(0, options.deadline - Date.now()));
  timer.unref();
  return timer;
}

/** Relays within the request's deadline: past it, the upstream answer is abandoned. */
async function withinDeadline(options: RelayOptions, relay: (options: RelayOptions) => Promise<RelayOutcome>): Promise<RelayOutcome> {
  const timer = deadlineTimer(options);
  try {
    return await relay(options);
  } finally {
    clearTimeout(timer);
  }
}

async function readWhole(options: RelayOptions): Promise<RelayOutcome> {
  const { response, started } = options;
  const parts: Buffer[] = started.first === undefined ? [] : [toBuffer(started.first)];
  for (;;) {
    const next = await started.chunks.next();
    if (next.done) break;
    parts.push(toBuffer(next.value));
  }
  const body = Buffer.concat(parts);
  const firstByteMs = performance.now() - options.requestStartedAt;
  response.writeHead(started.status, { 'content-type': started.contentType, 'content-length': body.length, ...options.headers });
  response.end(body);
  return { completed: true, firstByteMs, ...(options.captureBytes > 0 && body.length <= options.captureBytes ? { body: body.toString('utf8') } : {}) };
}

async function pipeStream(options: RelayOptions): Promise<RelayOutcome> {
  const { response, started } = options;
  response.writeHead(started.status, {
    'content-type': started.contentType.startsWith('text/event-stream') ? started.contentType : 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
    ...options.headers,
  });
  const captured: Buffer[] = [];
  let capturedBytes = 0;
  let capturing = options.captureBytes > 0;
  let firstByteMs: number | undefined;
  let tail = '';
  const write = async (chunk: Buffer | string) => {
    const buffer = toBuffer(chunk);
    firstByteMs ??= performance.now() - options.requestStartedAt;
    tail = (tail + buffer.toString('utf8', Math.max(0, buffer.length - 32))).slice(-32);
    if (capturing) {
      capturedBytes += buffer.length;
      if (capturedBytes > options.captureBytes) capturing = false;
      else captured.push(buffer);
    }
    if (!response.write(buffer) && !response.destroyed) await once(response, 'drain');
  };
  try {
    if (started.first !== undefined) await write(started.first);
    for (;;) {
      if (response.destroyed) throw new Error('the client closed the stream');
      const next = await started.chunks.next();
      if (next.done) break;
      await write(next.value);
    }
  } catch (caught) {
    started.abort(caught);
    const error = toGatewayHttpError(caught);
    if (!response.destroyed && !response.writableEnded) {
      // The client knows the answer is incomplete, and nothing waits for more.
      response.write(errorEvent(error));
      response.end(doneEvent);
    }
    return { completed: false, firstByteMs, error };
  }
  const completed = /\[DONE\]\s*$/.test(tail);
  if (!completed && !response.destroyed) response.write(doneEvent);
  response.end();
  return { completed, firstByteMs, ...(completed && capturing ? { body: Buffer.concat(captured).toString('utf8') } : {}) };
}
