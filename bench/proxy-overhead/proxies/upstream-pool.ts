// The one upstream client every candidate framework uses (an undici keep-alive pool), so the
// comparison measures the frameworks and nothing else.

import { Pool } from 'undici';

export function createUpstreamPool(upstreamUrl: string): Pool {
  return new Pool(upstreamUrl, { connections: 128, pipelining: 1, keepAliveTimeout: 60_000 });
}

/** Headers a pass-through forwards upstream. */
export function forwardedHeaders(contentType: string | undefined, authorization: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': contentType ?? 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  return headers;
}
