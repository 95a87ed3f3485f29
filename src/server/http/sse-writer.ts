// Server-sent events over a node:http response: headers that stop proxies from buffering, one write
// per event, and a writer that knows when the client went away so producers stop early.

import type { ServerResponse } from 'node:http';

export interface SseWriter {
  /** `data: <text>` (and `event: <name>` when given). Returns false once the client is gone. */
  send(data: string, event?: string): boolean;
  /** A comment line that keeps idle connections open through proxies. */
  comment(text: string): void;
  end(): void;
  readonly closed: boolean;
}

export function openSse(response: ServerResponse, headers: Record<string, string> = {}): SseWriter {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
    ...headers,
  });
  response.flushHeaders();
  let closed = false;
  response.once('close', () => (closed = true));
  return {
    send(data, event) {
      if (closed || response.writableEnded) return false;
      response.write(event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`);
      return true;
    },
    comment(text) {
      if (!closed && !response.writableEnded) response.write(`: ${text}\n\n`);
    },
    end() {
      if (!response.writableEnded) response.end();
    },
    get closed() {
      return closed || response.writableEnded;
    },
  };
}
