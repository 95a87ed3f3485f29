import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../util/index.js';
import { mapOpenAIStatusError, mapOpenAIStreamError } from './map-error.js';

function response(statusCode: number, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers, timings: { startedAt: 0 } } as unknown as HttpResponse;
}

describe('mapOpenAIStatusError', () => {
  it('429 is rate limited, retryable, with the wait from retry-after-ms', () => {
    const error = mapOpenAIStatusError(
      'openai',
      response(429, { 'retry-after-ms': '250', 'x-request-id': 'req_1' }),
      '{"error":{"message":"Rate limit reached for gpt-4o-mini","type":"requests","param":null,"code":"rate_limit_exceeded"}}',
    );
    expect(error).toMatchObject({ code: 'HOTPATH_PROVIDER_RATE_LIMITED', isRetryable: true, retryAfterMs: 250, statusCode: 429 });
    expect(error.message).toContain('Rate limit reached');
    expect(error.details).toMatchObject({ provider: 'openai', requestId: 'req_1' });
  });

  it('maps statuses to stable codes and keeps the provider message', () => {
    const body = '{"error":{"message":"Invalid value for tool_choice","type":"invalid_request_error"}}';
    expect(mapOpenAIStatusError('p', response(400), body)).toMatchObject({ code: 'HOTPATH_PROVIDER_BAD_REQUEST', isRetryable: false });
    expect(mapOpenAIStatusError('p', response(400), body).message).toContain('Invalid value for tool_choice');
    expect(mapOpenAIStatusError('p', response(404), body).code).toBe('HOTPATH_PROVIDER_BAD_REQUEST');
    expect(mapOpenAIStatusError('p', response(422), '{"detail":"bad"}').code).toBe('HOTPATH_PROVIDER_BAD_REQUEST');
    expect(mapOpenAIStatusError('p', response(401), body)).toMatchObject({ code: 'HOTPATH_PROVIDER_AUTH', isRetryable: false });
    expect(mapOpenAIStatusError('p', response(403), body).code).toBe('HOTPATH_PROVIDER_AUTH');
    expect(mapOpenAIStatusError('p', response(500), body)).toMatchObject({ code: 'HOTPATH_PROVIDER_UNAVAILABLE', isRetryable: true });
    expect(mapOpenAIStatusError('p', response(503, { 'retry-after': '2' }), '').retryAfterMs).toBe(2_000);
  });

  it('keeps a non-JSON body as the message and reads string errors', () => {
    expect(mapOpenAIStatusError('p', response(502), '<html>Bad gateway</html>').message).toContain('<html>Bad gateway');
    expect(mapOpenAIStatusError('p', response(400), '{"error":"model not found"}').message).toContain('model not found');
  });
});

describe('mapOpenAIStreamError', () => {
  it('maps by type, by code, and falls back to a generic provider error', () => {
    expect(mapOpenAIStreamError('p', { type: 'server_error', message: 'oops' }).code).toBe('HOTPATH_PROVIDER_UNAVAILABLE');
    expect(mapOpenAIStreamError('p', { code: 'rate_limit_exceeded' }).code).toBe('HOTPATH_PROVIDER_RATE_LIMITED');
    expect(mapOpenAIStreamError('p', { code: 503 }).code).toBe('HOTPATH_PROVIDER_UNAVAILABLE');
    expect(mapOpenAIStreamError('p', { message: 'mystery' }).code).toBe('HOTPATH_PROVIDER_ERROR');
  });
});
