// Who is calling: the API key (`Authorization: Bearer <key>`) names the tenant and its rate limit.
// Without configured keys, or with anonymous loopback allowed, a caller on this machine needs none.
// The end user within the tenant comes from the request (`user` field or X-Hotpath-User header).

import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { GatewayConfig, RateLimitConfig } from '../../config/index.js';
import { GatewayHttpError } from '../http/gateway-http-error.js';
import { TokenBucket } from './token-bucket.js';

export interface Caller {
  tenant: string;
  /** Label of the key (never the key); "anonymous" for loopback callers without one. */
  keyName: string;
}

export interface Authenticator {
  /** The caller, or a 401/429 GatewayHttpError. `key` replaces the Authorization header (EventSource clients send it in the query). */
  authenticate(request: IncomingMessage, key?: string): Caller;
}

interface KeyEntry {
  digest: Buffer;
  caller: Caller;
  bucket: TokenBucket | undefined;
}

const loopbackAddresses = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopback(request: IncomingMessage): boolean {
  return loopbackAddresses.has(request.socket.remoteAddress ?? '');
}

function digestOf(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

function bucketFor(limit: RateLimitConfig | undefined): TokenBucket | undefined {
  if (limit === undefined) return undefined;
  return new TokenBucket({ requestsPerSecond: limit.requestsPerSecond, burst: limit.burst ?? Math.max(1, Math.ceil(limit.requestsPerSecond)) });
}

export function createAuthenticator(auth: GatewayConfig['auth']): Authenticator {
  // Keys are compared by digest, so lookups are by hash and the comparison time says nothing about the key.
  const keys = new Map<string, KeyEntry>();
  for (const entry of auth.keys) {
    const digest = digestOf(entry.key);
    keys.set(digest.toString('hex'), { digest, caller: Object.freeze({ tenant: entry.tenant, keyName: entry.name ?? entry.tenant }), bucket: bucketFor(entry.rateLimit ?? auth.defaultRateLimit) });
  }
  const anonymous: KeyEntry = {
    digest: Buffer.alloc(0),
    caller: Object.freeze({ tenant: auth.anonymousTenant, keyName: 'anonymous' }),
    bucket: bucketFor(auth.defaultRateLimit),
  };
  const anonymousAllowed = (request: IncomingMessage) => auth.anonymousLoopback && isLoopback(request);

  return {
    authenticate(request, key) {
      const header = key === undefined ? request.headers.authorization : `Bearer ${key}`;
      let entry: KeyEntry | undefined;
      if (header === undefined || header === '') {
        if (!anonymousAllowed(request)) {
          throw new GatewayHttpError(401, 'an API key is required: send Authorization: Bearer <key>', { code: 'missing_api_key' });
        }
        entry = anonymous;
      } else {
        const match = /^Bearer\s+(.+)$/i.exec(header);
        if (match === null) throw new GatewayHttpError(401, 'the Authorization header must be "Bearer <key>"', { code: 'invalid_api_key' });
        const digest = digestOf(match[1]!.trim());
        entry = keys.get(digest.toString('hex'));
        if (entry === undefined || !timingSafeEqual(entry.digest, digest)) {
          // A loopback caller may send a placeholder key (SDKs insist on one) when anonymous access is on.
          if (keys.size === 0 && anonymousAllowed(request)) entry = anonymous;
          else throw new GatewayHttpError(401, 'the API key is not valid', { code: 'invalid_api_key' });
        }
      }
      const waitMs = entry.bucket?.take() ?? 0;
      if (waitMs > 0) {
        const seconds = Math.max(1, Math.ceil(waitMs / 1000));
        throw new GatewayHttpError(429, `rate limit of key "${entry.caller.keyName}" reached: retry in ${seconds} s`, {
          code: 'rate_limit_exceeded',
          headers: { 'retry-after': String(seconds) },
        });
      }
      return entry.caller;
    },
  };
}
