// The HTTP status of a failed provider call decides the error's stable code and whether trying
// again may help; each adapter only extracts the provider's message and error type from the body.

import { HotpathError, type HotpathErrorCode } from '../../util/index.js';
import { parseRetryAfterMs } from './retry-after.js';

export interface StatusErrorInput {
  provider: string;
  statusCode: number;
  headers: Readonly<Record<string, string>>;
  /** The provider's own message, when the body had one. */
  message: string | undefined;
  /** The provider's error type ("rate_limit_error", "invalid_request_error"...). */
  providerErrorType?: string;
  requestId?: string;
}

export function statusErrorCode(statusCode: number): HotpathErrorCode {
  if (statusCode === 429) return 'HOTPATH_PROVIDER_RATE_LIMITED';
  if (statusCode === 401 || statusCode === 403) return 'HOTPATH_PROVIDER_AUTH';
  if (statusCode === 400 || statusCode === 404 || statusCode === 413 || statusCode === 422) return 'HOTPATH_PROVIDER_BAD_REQUEST';
  if (statusCode === 408) return 'HOTPATH_TIMEOUT';
  // 529 is Anthropic's "overloaded".
  if (statusCode >= 500) return 'HOTPATH_PROVIDER_UNAVAILABLE';
  return 'HOTPATH_PROVIDER_ERROR';
}

export function createStatusError(input: StatusErrorInput): HotpathError {
  const { provider, statusCode, headers, message, providerErrorType, requestId } = input;
  const code = statusErrorCode(statusCode);
  const retryAfterMs = parseRetryAfterMs(headers);
  // 409 (conflict/lock) is the one 4xx providers document as worth retrying.
  const isRetryable = statusCode === 409 ? true : undefined;
  const text = message === undefined || message === '' ? `HTTP ${statusCode}` : `HTTP ${statusCode}: ${message}`;
  return new HotpathError(code, `${provider}: ${text}`, {
    statusCode,
    retryAfterMs,
    ...(isRetryable === undefined ? {} : { isRetryable }),
    details: {
      provider,
      ...(providerErrorType === undefined ? {} : { providerErrorType }),
      ...(requestId === undefined ? {} : { requestId }),
    },
  });
}
