// Options every adapter takes, validated once at construction. Errors name the offending option.

import { z } from 'zod';
import type { Dispatcher } from 'undici';
import { createHttpClient, HotpathError, type HttpClient } from '../../util/index.js';

const isObjectWith = (method: string) => (value: unknown) =>
  typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[method] === 'function';

export const commonProviderOptionsShape = {
  baseURL: z.url({ protocol: /^https?$/ }),
  headers: z.record(z.string(), z.string()).optional(),
  /** Connections per origin in the keep-alive pool. */
  connections: z.number().int().positive().default(16),
  /** Time allowed until the response headers, per attempt (a slow provider fails over). */
  timeoutMs: z.number().positive().optional(),
  /** Attempts after the first, for retryable errors before the response starts. */
  retries: z.number().int().min(0).default(2),
  /** A Retry-After longer than this is not waited for. */
  maxRetryAfterMs: z.number().nonnegative().default(10_000),
  keepAliveTimeoutMs: z.number().int().positive().optional(),
  /** An undici dispatcher for every request (tests, simulators); owned by the caller. */
  dispatcher: z.custom<Dispatcher>(isObjectWith('dispatch'), 'must be an undici Dispatcher').optional(),
  /** A shared pooled HTTP client (several providers on one pool set); owned by the caller. */
  httpClient: z.custom<HttpClient>(isObjectWith('request'), 'must be an HttpClient').optional(),
};

export function parseProviderOptions<Schema extends z.ZodType>(factory: string, schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `${factory}: invalid options\n${z.prettifyError(result.error)}`, {
      details: { options: result.error.issues.map((issue) => issue.path.join('.')) },
    });
  }
  return result.data;
}

/** The pooled client a provider uses, and whether closing the provider should close it. */
export function providerHttpClient(options: {
  factory: string;
  connections: number;
  keepAliveTimeoutMs?: number;
  dispatcher?: Dispatcher;
  httpClient?: HttpClient;
}): { http: HttpClient; owned: boolean } {
  if (options.httpClient && options.dispatcher) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `${options.factory}: options "httpClient" and "dispatcher" are exclusive`);
  }
  if (options.httpClient) return { http: options.httpClient, owned: false };
  return {
    http: createHttpClient({
      connections: options.connections,
      ...(options.keepAliveTimeoutMs === undefined ? {} : { keepAliveTimeoutMs: options.keepAliveTimeoutMs }),
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    }),
    owned: true,
  };
}

/** "https://host/v1/" → "https://host/v1" so paths can be appended. */
export function trimTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
