import type { ServerResponse } from 'node:http';

/** Writes a JSON response unless the client has already gone. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.destroyed || response.writableEnded) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** The error body every simulator endpoint uses. */
export function errorBody(code: string, message: string, parameter?: string): { error: { code: string; message: string; parameter?: string } } {
  return { error: { code, message, ...(parameter === undefined ? {} : { parameter }) } };
}
