import { describe, expect, it } from 'vitest';
import { HotpathError } from './hotpath-error.js';

describe('HotpathError', () => {
  it('derives isRetryable from the code unless told otherwise', () => {
    expect(new HotpathError('HOTPATH_PROVIDER_RATE_LIMITED', 'slow down').isRetryable).toBe(true);
    expect(new HotpathError('HOTPATH_INVALID_ARGUMENT', 'bad').isRetryable).toBe(false);
    expect(new HotpathError('HOTPATH_PROVIDER_ERROR', 'x', { isRetryable: true }).isRetryable).toBe(true);
  });

  it('is recognised by its marker, not by instanceof', () => {
    const foreign = Object.assign(new Error('copy'), { [Symbol.for('hotpath.error')]: true });
    expect(HotpathError.isInstance(foreign)).toBe(true);
    expect(HotpathError.isInstance(new Error('plain'))).toBe(false);
    expect(HotpathError.isInstance(new HotpathError('HOTPATH_INTERNAL', 'x'))).toBe(true);
  });

  it('serialises code, message and status', () => {
    const error = new HotpathError('HOTPATH_PROVIDER_ERROR', 'upstream failed', { statusCode: 502, details: { provider: 'a' } });
    expect(error.toJSON()).toEqual({ code: 'HOTPATH_PROVIDER_ERROR', message: 'upstream failed', isRetryable: false, statusCode: 502, details: { provider: 'a' } });
  });
});
