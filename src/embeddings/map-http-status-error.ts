// An upstream's non-2xx answer as a HotpathError with a stable code, so retry and failover decide
// from `isRetryable` (429 and 5xx retry; 4xx do not) and honour Retry-After.

import { HotpathError, type HotpathErrorCode } from '../util/index.js';

export function mapHttpStatusError(options: { statusCode: number; headers: Readonly<Record<string, string>>; body: string; what: string }): HotpathError {
  const { statusCode, headers, body, what } = options;
  const code: HotpathErrorCode =
    statusCode === 401 || statusCode === 403
      ? 'HOTPATH_PROVIDER_AUTH'
      : statusCode === 429
        ? 'HOTPATH_PROVIDER_RATE_LIMITED'
        : statusCode >= 500
          ? 'HOTPATH_PROVIDER_UNAVAILABLE'
          : statusCode >= 400
            ? 'HOTPATH_PROVIDER_BAD_REQUEST'
            : 'HOTPATH_PROVIDER_BAD_RESPONSE';
  const retryAfterMs = parseRetryAfter(headers['retry-after']);
  return new HotpathError(code, `${what} answered ${statusCode}: ${upstreamMessage(body)}`, {
    statusCode,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The upstream's own error message when the body is OpenAI-style JSON, else the body's start. */
function upstreamMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string };
    const message = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON
  }
  return body.slice(0, 200) || '(empty body)';
}
