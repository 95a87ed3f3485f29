// Maps an upstream's HTTP answer or transport failure to a HotpathError the model can read: the
// status, the upstream's own message, whether trying again may help and how long it asked us to wait.

import { HotpathError } from '../util/index.js';

/** Statuses worth another attempt: overload, rate limiting, a gateway that lost the upstream. */
const retryableStatuses = new Set([408, 429, 502, 503, 504]);

/** Transport failures: the upstream could not be reached or dropped the connection. */
const connectionErrorCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED',
]);

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text.trim())) return Math.round(Number(text) * 1_000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The upstream's own explanation, from a JSON error body or the text itself (shortened). */
export function upstreamMessage(bodyText: string, limit = 300): string {
  try {
    const parsed = JSON.parse(bodyText) as Record<string, unknown>;
    const error = parsed.error;
    if (typeof error === 'string') return error.slice(0, limit);
    if (error && typeof error === 'object' && typeof (error as Record<string, unknown>).message === 'string') return ((error as Record<string, unknown>).message as string).slice(0, limit);
    if (typeof parsed.message === 'string') return parsed.message.slice(0, limit);
  } catch {
    // Not JSON: use the text.
  }
  return bodyText.trim().slice(0, limit);
}

export function httpStatusError(options: { toolName: string; method: string; statusCode: number; bodyText: string; retryAfter?: string | string[] }): HotpathError {
  const { toolName, method, statusCode, bodyText } = options;
  const explanation = upstreamMessage(bodyText);
  const retryAfterMs = parseRetryAfter(options.retryAfter);
  return new HotpathError('HOTPATH_TOOL_ERROR', `${toolName}: ${method} answered HTTP ${statusCode}${explanation ? `: ${explanation}` : ''}`, {
    statusCode,
    isRetryable: retryableStatuses.has(statusCode),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    details: { tool: toolName },
  });
}

export function httpTransportError(error: unknown, toolName: string): HotpathError {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && connectionErrorCodes.has(code)) {
    return new HotpathError('HOTPATH_CONNECTION_ERROR', `${toolName}: could not reach the upstream (${code}: ${message})`, { cause: error, details: { tool: toolName } });
  }
  return new HotpathError('HOTPATH_TOOL_ERROR', `${toolName}: request failed: ${message}`, { cause: error, isRetryable: false, details: { tool: toolName } });
}
