import type { IncomingMessage } from 'node:http';

/** Larger request bodies are refused with 413 (the real APIs cap them too). */
export const maxRequestBodyBytes = 32 * 1024 * 1024;

export type RequestBodyResult =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'invalid-json' | 'not-an-object' | 'too-large' | 'aborted' };

/** Reads and parses a JSON object body; never throws. */
export function readJsonBody(request: IncomingMessage, limitBytes = maxRequestBodyBytes): Promise<RequestBodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: RequestBodyResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        // Stop buffering but keep draining, so the 413 can still be read by the client.
        chunks.length = 0;
        settle({ ok: false, reason: 'too-large' });
      } else if (!settled) {
        chunks.push(chunk);
      }
    });
    request.on('error', () => settle({ ok: false, reason: 'aborted' }));
    request.on('close', () => settle({ ok: false, reason: 'aborted' }));
    request.on('end', () => {
      if (settled) return;
      let value: unknown;
      try {
        value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return settle({ ok: false, reason: 'invalid-json' });
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return settle({ ok: false, reason: 'not-an-object' });
      settle({ ok: true, value });
    });
  });
}
