// The one error the gateway's handlers throw for a request they refuse: an HTTP status and the
// OpenAI error shape (`{ error: { message, type, param, code } }`) every OpenAI client understands.
// Product errors (HotpathError) from below are mapped to a status once, here.

import { HotpathError, type HotpathErrorCode } from '../../util/index.js';

export type OpenAIErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'server_error'
  | 'upstream_error'
  | 'timeout_error'
  | 'unavailable_error';

export interface OpenAIErrorBody {
  error: { message: string; type: OpenAIErrorType; param: string | null; code: string | null };
}

export class GatewayHttpError extends Error {
  override name = 'GatewayHttpError';
  readonly status: number;
  readonly type: OpenAIErrorType;
  readonly code: string | null;
  readonly param: string | null;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, message: string, options: { type?: OpenAIErrorType; code?: string; param?: string; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = status;
    this.type = options.type ?? typeForStatus(status);
    this.code = options.code ?? null;
    this.param = options.param ?? null;
    this.headers = options.headers ?? {};
  }

  toBody(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

function typeForStatus(status: number): OpenAIErrorType {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status === 503) return 'unavailable_error';
  if (status === 504) return 'timeout_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

export function badRequest(message: string, param?: string, code = 'invalid_parameter'): GatewayHttpError {
  return new GatewayHttpError(400, message, { code, ...(param === undefined ? {} : { param }) });
}

const statusByCode: Partial<Record<HotpathErrorCode, number>> = {
  HOTPATH_INVALID_ARGUMENT: 400,
  HOTPATH_TOOL_INPUT_INVALID: 400,
  HOTPATH_PROVIDER_BAD_REQUEST: 400,
  HOTPATH_PROVIDER_RATE_LIMITED: 429,
  HOTPATH_PROVIDER_AUTH: 502,
  HOTPATH_PROVIDER_ERROR: 502,
  HOTPATH_PROVIDER_BAD_RESPONSE: 502,
  HOTPATH_PROVIDER_UNAVAILABLE: 503,
  HOTPATH_CONNECTION_ERROR: 502,
  HOTPATH_CIRCUIT_OPEN: 503,
  HOTPATH_CONCURRENCY_LIMIT: 503,
  HOTPATH_NO_ROUTE: 503,
  HOTPATH_TIMEOUT: 504,
  HOTPATH_DEADLINE_EXCEEDED: 504,
  HOTPATH_ABORTED: 499,
};

/** Any failure as the error a client sees: gateway errors as they are, product errors by code. */
export function toGatewayHttpError(error: unknown): GatewayHttpError {
  if (error instanceof GatewayHttpError) return error;
  if (HotpathError.isInstance(error)) {
    const status = statusByCode[error.code] ?? 500;
    const headers: Record<string, string> = {};
    if (status === 429 && error.retryAfterMs !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
    const type: OpenAIErrorType | undefined = status === 502 ? 'upstream_error' : undefined;
    return new GatewayHttpError(status, error.message, { code: error.code, headers, cause: error, ...(type === undefined ? {} : { type }) });
  }
  return new GatewayHttpError(500, 'the gateway failed to handle the request', { code: 'HOTPATH_INTERNAL', cause: error });
}

/** The stable code metrics count errors by. */
export function errorCode(error: GatewayHttpError): string {
  return error.code ?? `http_${error.status}`;
}
