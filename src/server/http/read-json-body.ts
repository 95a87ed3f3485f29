// Reads a JSON request body: the content type must be JSON, the body no larger than the limit (the
// read stops at the limit and the connection is closed after the 413, so a huge upload is never
// buffered), and malformed JSON is a 400 that says where it broke.

import type { IncomingMessage } from 'node:http';
import { GatewayHttpError } from './gateway-http-error.js';

export interface ReadBodyOptions {
  limitBytes: number;
}

export interface JsonBody {
  value: unknown;
  /** The raw bytes (forwarded untouched when nothing in them needs rewriting). */
  bytes: Buffer;
}

export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const type = header.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

export async function readJsonBody(request: IncomingMessage, options: ReadBodyOptions): Promise<JsonBody> {
  if (!isJsonContentType(request.headers['content-type'])) {
    request.resume();
    throw new GatewayHttpError(415, `the body must be JSON: send Content-Type: application/json (got ${request.headers['content-type'] ?? 'none'})`, { code: 'unsupported_media_type' });
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.limitBytes) throw tooLarge(request, options.limitBytes);
  const bytes = await readBytes(request, options.limitBytes);
  if (bytes.length === 0) throw new GatewayHttpError(400, 'the request body is empty: send a JSON object', { code: 'invalid_json' });
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new GatewayHttpError(400, `the request body is not valid JSON: ${(error as Error).message}`, { code: 'invalid_json' });
  }
  return { value, bytes };
}

function readBytes(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let length = 0;
    const onData = (part: Buffer) => {
      length += part.length;
      if (length > limitBytes) {
        cleanup();
        reject(tooLarge(request, limitBytes));
        return;
      }
      parts.push(part);
    };
    const onEnd = () => {
      cleanup();
      resolve(parts.length === 1 ? parts[0]! : Buffer.concat(parts, length));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new GatewayHttpError(400, `the request body could not be read: ${error.message}`, { code: 'invalid_body' }));
    };
    const onAborted = () => {
      cleanup();
      reject(new GatewayHttpError(499, 'the client closed the request', { code: 'client_closed' }));
    };
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('aborted', onAborted);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('aborted', onAborted);
  });
}

function tooLarge(request: IncomingMessage, limitBytes: number): GatewayHttpError {
  // Nothing more is kept: the rest is discarded as it arrives and the response closes the connection.
  request.resume();
  return new GatewayHttpError(413, `the request body is larger than the limit of ${limitBytes} bytes (server.bodyLimitBytes)`, {
    code: 'request_too_large',
    headers: { connection: 'close' },
  });
}
