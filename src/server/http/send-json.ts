// Writes a JSON response in one piece (content-length set, so keep-alive clients need no chunking).

import type { ServerResponse } from 'node:http';
import type { GatewayHttpError } from './gateway-http-error.js';

export function sendJson(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  response.end(body);
}

export function sendError(response: ServerResponse, error: GatewayHttpError): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  sendJson(response, error.status, error.toBody(), { ...error.headers });
}
