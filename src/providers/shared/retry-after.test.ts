import { describe, expect, it } from 'vitest';
import { isCompleteJsonObject } from './complete-json.js';
import { parseRetryAfterMs } from './retry-after.js';
import { statusErrorCode } from './status-error.js';

describe('parseRetryAfterMs', () => {
  it('prefers retry-after-ms, then seconds, then an HTTP date', () => {
    expect(parseRetryAfterMs({ 'retry-after-ms': '120.5', 'retry-after': '9' })).toBe(120.5);
    expect(parseRetryAfterMs({ 'retry-after': '3' })).toBe(3_000);
    expect(parseRetryAfterMs({ 'retry-after': '0.5' })).toBe(500);
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:28:02 GMT' }, now)).toBe(2_000);
    expect(parseRetryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT' }, now)).toBe(0);
  });

  it('is undefined without a usable header', () => {
    expect(parseRetryAfterMs({})).toBeUndefined();
    expect(parseRetryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
  });
});

describe('statusErrorCode', () => {
  it('maps statuses to stable codes', () => {
    expect(statusErrorCode(429)).toBe('HOTPATH_PROVIDER_RATE_LIMITED');
    expect(statusErrorCode(529)).toBe('HOTPATH_PROVIDER_UNAVAILABLE');
    expect(statusErrorCode(502)).toBe('HOTPATH_PROVIDER_UNAVAILABLE');
    expect(statusErrorCode(401)).toBe('HOTPATH_PROVIDER_AUTH');
    expect(statusErrorCode(422)).toBe('HOTPATH_PROVIDER_BAD_REQUEST');
    expect(statusErrorCode(408)).toBe('HOTPATH_TIMEOUT');
    expect(statusErrorCode(418)).toBe('HOTPATH_PROVIDER_ERROR');
  });
});

describe('isCompleteJsonObject', () => {
  it('is true only for a complete JSON object', () => {
    expect(isCompleteJsonObject('{"a": {"b": 1}}  ')).toBe(true);
    expect(isCompleteJsonObject('{"a": {"b": 1}')).toBe(false);
    expect(isCompleteJsonObject('{"a": "}"')).toBe(false);
    expect(isCompleteJsonObject('[1]')).toBe(false);
    expect(isCompleteJsonObject('')).toBe(false);
  });
});
