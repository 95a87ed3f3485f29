// Replays recorded provider responses over a real local socket: SSE fixtures are written one event
// at a time (optionally pausing between events), so tests see the same framing and incremental
// delivery a provider produces. Not part of the public API.

import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { startHttpTestServer, type HttpTestServer, type RecordedRequest } from '../../util/http/testing/http-test-server.js';

export interface FixtureReply {
  status?: number;
  headers?: Record<string, string>;
  /** Server-sent events text, written one event per write. */
  chunks?: string;
  json?: unknown;
  body?: string;
  /** Pause before writing the event at this index (0-based), in ms. */
  pauses?: Record<number, number>;
  /** Wait this long before sending the headers. */
  headersDelayMs?: number;
}

export interface FixtureServer extends HttpTestServer {
  /** performance.now() at which each event of each streamed reply was written (by request number). */
  readonly eventsWrittenAt: number[][];
}

export function readFixture(url: URL): string {
  return readFileSync(url, 'utf8');
}

/** Splits SSE text into events, each keeping its terminating blank line. */
export function splitEvents(chunks: string): string[] {
  return chunks.split(/(?<=\r?\n\r?\n)/).filter((event) => event.trim() !== '');
}

export async function startFixtureServer(
  reply: (request: RecordedRequest, requestNumber: number) => FixtureReply | Promise<FixtureReply>,
): Promise<FixtureServer> {
  const eventsWrittenAt: number[][] = [];
  let requestCount = 0;
  const server = await startHttpTestServer(async (request, response, incoming) => {
    const number = requestCount++;
    const planned = await reply(request, number);
    if (planned.headersDelayMs) await delay(planned.headersDelayMs);
    if (planned.chunks !== undefined) {
      const written: number[] = [];
      eventsWrittenAt[number] = written;
      response.writeHead(planned.status ?? 200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        ...planned.headers,
      });
      for (const [index, event] of splitEvents(planned.chunks).entries()) {
        const pause = planned.pauses?.[index];
        if (pause) await delay(pause);
        if (incoming.socket.destroyed) return;
        response.write(event);
        written.push(performance.now());
      }
      response.end();
      return;
    }
    const body = planned.json === undefined ? (planned.body ?? '') : JSON.stringify(planned.json);
    response.writeHead(planned.status ?? 200, {
      'content-type': planned.json === undefined ? 'text/plain' : 'application/json',
      ...planned.headers,
    });
    response.end(body);
  });
  return Object.assign(server, { eventsWrittenAt });
}
