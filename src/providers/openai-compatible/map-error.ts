// OpenAI-compatible failures to HotpathError: HTTP statuses through the shared status mapping with
// the provider's message, and error objects found inside a 200 stream by their type or code.

import { HotpathError, type HotpathErrorCode, type HttpResponse } from '../../util/index.js';
import { createStatusError, statusErrorCode } from '../shared/status-error.js';
import { errorResponseSchema, type OpenAIError } from './response-schemas.js';

export function mapOpenAIStatusError(provider: string, response: HttpResponse, body: string): HotpathError {
  let message: string | undefined = body.trim().slice(0, 500) || undefined;
  let providerErrorType: string | undefined;
  try {
    const parsed = errorResponseSchema.safeParse(JSON.parse(body));
    if (parsed.success) {
      const { error } = parsed.data;
      if (typeof error === 'string') message = error;
      else if (error) {
        message = error.message ?? message;
        providerErrorType = error.type ?? (error.code === null || error.code === undefined ? undefined : String(error.code));
      } else {
        message = parsed.data.message ?? message;
        providerErrorType = parsed.data.type ?? undefined;
      }
    }
  } catch {
    // Not JSON (a proxy's HTML page): the raw text is the message.
  }
  return createStatusError({
    provider,
    statusCode: response.statusCode,
    headers: response.headers,
    message,
    providerErrorType,
    requestId: response.headers['x-request-id'],
  });
}

const codeByType: Record<string, HotpathErrorCode> = {
  rate_limit_exceeded: 'HOTPATH_PROVIDER_RATE_LIMITED',
  rate_limit_error: 'HOTPATH_PROVIDER_RATE_LIMITED',
  insufficient_quota: 'HOTPATH_PROVIDER_RATE_LIMITED',
  server_error: 'HOTPATH_PROVIDER_UNAVAILABLE',
  api_error: 'HOTPATH_PROVIDER_UNAVAILABLE',
  overloaded_error: 'HOTPATH_PROVIDER_UNAVAILABLE',
  service_unavailable: 'HOTPATH_PROVIDER_UNAVAILABLE',
  invalid_request_error: 'HOTPATH_PROVIDER_BAD_REQUEST',
  BadRequestError: 'HOTPATH_PROVIDER_BAD_REQUEST',
  context_length_exceeded: 'HOTPATH_PROVIDER_BAD_REQUEST',
  authentication_error: 'HOTPATH_PROVIDER_AUTH',
  permission_error: 'HOTPATH_PROVIDER_AUTH',
};

/** An error object sent inside a 200 stream (the response had started: nothing retries it here). */
export function mapOpenAIStreamError(provider: string, error: OpenAIError): HotpathError {
  const type = error.type ?? undefined;
  const numeric = typeof error.code === 'number' ? error.code : Number.parseInt(String(error.code ?? ''), 10);
  const code =
    (type !== undefined ? codeByType[type] : undefined) ??
    (typeof error.code === 'string' ? codeByType[error.code] : undefined) ??
    (Number.isInteger(numeric) && numeric >= 400 ? statusErrorCode(numeric) : 'HOTPATH_PROVIDER_ERROR');
  return new HotpathError(code, `${provider}: error in stream: ${error.message ?? type ?? 'unknown error'}`, {
    details: { provider, ...(type === undefined ? {} : { providerErrorType: type }) },
  });
}
