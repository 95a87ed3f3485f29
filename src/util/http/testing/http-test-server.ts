// A node:http server for tests of HTTP clients: it records each request (body parsed when JSON) and
// counts TCP connections, so a test can prove what the client really did on the wire.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path with query. */
  url: string;
  headers: IncomingMessage['headers'];
  text: string;
  /** The body parsed as JSON, or undefined. */
  json: unknown;
  /** Which TCP connection (1-based, in accept order) carried it. */
  connection: number;
}

export type TestRequestHandler = (
  request: RecordedRequest,
  response: ServerResponse,
  incoming: IncomingMessage,
) => unknown;

export interface HttpTestServer {
  /** "http://127.0.0.1:<port>" */
  readonly url: string;
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** TCP connections closed so far. */
  readonly closedConnections: number;
  readonly requests: RecordedRequest[];
  /** Resolves when the next connection closes (or the given count has closed). */
  waitForClosedConnections(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHttpTestServer(handler: TestRequestHandler): Promise<HttpTestServer> {
  let connections = 0;
  let closedConnections = 0;
  const closeWaiters: Array<{ count: number; resolve: () => void }> = [];
  const connectionNumbers = new WeakMap<Socket, number>();
  const requests: RecordedRequest[] = [];

  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        json = undefined;
      }
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        headers: incoming.headers,
        text,
        json,
        connection: connectionNumbers.get(incoming.socket) ?? 0,
      };
      requests.push(request);
      Promise.resolve(handler(request, response, incoming)).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      });
    });
  });
  server.on('connection', (socket: Socket) => {
    connections++;
    connectionNumbers.set(socket, connections);
    socket.once('close', () => {
      closedConnections++;
      for (const waiter of closeWaiters.filter((entry) => closedConnections >= entry.count)) {
        closeWaiters.splice(closeWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    get closedConnections() {
      return closedConnections;
    },
    requests,
    waitForClosedConnections(count) {
      if (closedConnections >= count) return Promise.resolve();
      return new Promise((resolve) => closeWaiters.push({ count, resolve }));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
