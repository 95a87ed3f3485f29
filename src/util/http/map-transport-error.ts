// One mapping from transport failures (undici errors, socket errors, abort reasons) to HotpathError,
// so callers above the HTTP layer see stable codes and a correct `isRetryable`.

import { HotpathError } from '../hotpath-error.js';

const timeoutCodes = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const connectionCodes = new Set([
  'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH',
  'ENETUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL',
]);
const abortCodes = new Set(['UND_ERR_ABORTED', 'UND_ERR_ABORT', 'ABORT_ERR']);

export interface TransportErrorContext {
  /** What was being done, for the message ("POST http://host/v1/chat/completions"). */
  what: string;
  /** The caller's signal: when it is aborted, the failure is reported as an abort. */
  signal?: AbortSignal;
}

export function mapTransportError(error: unknown, context: TransportErrorContext): HotpathError {
  if (HotpathError.isInstance(error)) return error;
  const { what, signal } = context;
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (HotpathError.isInstance(reason)) return reason;
    return new HotpathError('HOTPATH_ABORTED', `${what} was aborted`, { cause: reason ?? error });
  }
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code !== undefined && timeoutCodes.has(code)) {
    return new HotpathError('HOTPATH_TIMEOUT', `${what} timed out (${code}): ${message}`, { cause: error });
  }
  if ((code !== undefined && abortCodes.has(code)) || (error instanceof Error && error.name === 'AbortError')) {
    return new HotpathError('HOTPATH_ABORTED', `${what} was aborted`, { cause: error });
  }
  if (code !== undefined && connectionCodes.has(code)) {
    return new HotpathError('HOTPATH_CONNECTION_ERROR', `${what} failed (${code}): ${message}`, { cause: error });
  }
  if (code === 'UND_ERR_INVALID_ARG') {
    return new HotpathError('HOTPATH_INVALID_ARGUMENT', `${what}: ${message}`, { cause: error });
  }
  return new HotpathError('HOTPATH_CONNECTION_ERROR', `${what} failed: ${message}`, { cause: error });
}

function errorCode(error: unknown): string | undefined {
  // Socket errors sometimes arrive wrapped (undici's SocketError has the errno error as `cause`).
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 3; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
