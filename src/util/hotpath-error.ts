// One error base class with stable codes. `HotpathError.isInstance` checks a marker rather than
// `instanceof`, so it holds across duplicate copies of the package.

const marker = Symbol.for('hotpath.error');

export type HotpathErrorCode =
  | 'HOTPATH_INVALID_ARGUMENT'
  | 'HOTPATH_INVALID_CONFIG'
  | 'HOTPATH_ABORTED'
  | 'HOTPATH_DEADLINE_EXCEEDED'
  | 'HOTPATH_TIMEOUT'
  | 'HOTPATH_PROVIDER_ERROR'
  | 'HOTPATH_PROVIDER_RATE_LIMITED'
  | 'HOTPATH_PROVIDER_UNAVAILABLE'
  | 'HOTPATH_PROVIDER_BAD_RESPONSE'
  | 'HOTPATH_PROVIDER_AUTH'
  | 'HOTPATH_PROVIDER_BAD_REQUEST'
  | 'HOTPATH_CONNECTION_ERROR'
  | 'HOTPATH_TOOL_ERROR'
  | 'HOTPATH_TOOL_NOT_FOUND'
  | 'HOTPATH_TOOL_INPUT_INVALID'
  | 'HOTPATH_TOOL_OUTPUT_INVALID'
  | 'HOTPATH_CIRCUIT_OPEN'
  | 'HOTPATH_CONCURRENCY_LIMIT'
  | 'HOTPATH_CACHE_ERROR'
  | 'HOTPATH_NO_ROUTE'
  | 'HOTPATH_INTERNAL';

export interface HotpathErrorOptions {
  cause?: unknown;
  /** Whether trying again may succeed; derived from the code when omitted. */
  isRetryable?: boolean;
  /** HTTP status of an upstream response, when there was one. */
  statusCode?: number;
  /** Milliseconds the upstream asked us to wait (Retry-After). */
  retryAfterMs?: number;
  /** Extra structured detail (which option, which tool, which provider). */
  details?: Record<string, unknown>;
}

const retryableCodes = new Set<HotpathErrorCode>([
  'HOTPATH_TIMEOUT',
  'HOTPATH_PROVIDER_RATE_LIMITED',
  'HOTPATH_PROVIDER_UNAVAILABLE',
  'HOTPATH_CONNECTION_ERROR',
]);

export class HotpathError extends Error {
  readonly [marker] = true;
  override name = 'HotpathError';
  readonly code: HotpathErrorCode;
  readonly isRetryable: boolean;
  readonly statusCode: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown>;

  constructor(code: HotpathErrorCode, message: string, options: HotpathErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.isRetryable = options.isRetryable ?? retryableCodes.has(code);
    this.statusCode = options.statusCode;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details ?? {};
  }

  static isInstance(value: unknown): value is HotpathError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  toJSON(): { code: HotpathErrorCode; message: string; isRetryable: boolean; statusCode?: number; details?: Record<string, unknown> } {
    return {
      code: this.code,
      message: this.message,
      isRetryable: this.isRetryable,
      ...(this.statusCode === undefined ? {} : { statusCode: this.statusCode }),
      ...(Object.keys(this.details).length === 0 ? {} : { details: this.details }),
    };
  }
}
