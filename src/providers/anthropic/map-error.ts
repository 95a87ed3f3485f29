// Anthropic failures to HotpathError: HTTP statuses (529 "overloaded" included) through the shared
// status mapping, and `error` events inside a 200 stream by their error type.

import { HotpathError, type HotpathErrorCode, type HttpResponse } from '../../util/index.js';
import { createStatusError } from '../shared/status-error.js';
import { anthropicErrorResponseSchema, type AnthropicError } from './response-schemas.js';

export function mapAnthropicStatusError(provider: string, response: HttpResponse, body: string): HotpathError {
  let message: string | undefined = body.trim().slice(0, 500) || undefined;
  let providerErrorType: string | undefined;
  try {
    const parsed = anthropicErrorResponseSchema.safeParse(JSON.parse(body));
    if (parsed.success && parsed.data.error) {
      message = parsed.data.error.message ?? message;
      providerErrorType = parsed.data.error.type ?? undefined;
    }
  } catch {
    // Not JSON (a proxy's page): the raw text is the message.
  }
  return createStatusError({
    provider,
    statusCode: response.statusCode,
    headers: response.headers,
    message,
    providerErrorType,
    requestId: response.headers['request-id'],
  });
}

const codeByType: Record<string, HotpathErrorCode> = {
  overloaded_error: 'HOTPATH_PROVIDER_UNAVAILABLE',
  api_error: 'HOTPATH_PROVIDER_UNAVAILABLE',
  rate_limit_error: 'HOTPATH_PROVIDER_RATE_LIMITED',
  invalid_request_error: 'HOTPATH_PROVIDER_BAD_REQUEST',
  not_found_error: 'HOTPATH_PROVIDER_BAD_REQUEST',
  request_too_large: 'HOTPATH_PROVIDER_BAD_REQUEST',
  authentication_error: 'HOTPATH_PROVIDER_AUTH',
  permission_error: 'HOTPATH_PROVIDER_AUTH',
};

export function mapAnthropicStreamError(provider: string, error: AnthropicError): HotpathError {
  const type = error.type ?? undefined;
  const code = (type === undefined ? undefined : codeByType[type]) ?? 'HOTPATH_PROVIDER_ERROR';
  return new HotpathError(code, `${provider}: error in stream: ${error.message ?? type ?? 'unknown error'}`, {
    details: { provider, ...(type === undefined ? {} : { providerErrorType: type }) },
  });
}
