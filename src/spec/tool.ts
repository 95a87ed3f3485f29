// Tools as hotpath sees them: typed input/output and the metadata the runtime, the caches and the
// speculative pre-fetcher rely on to stay fast and correct.

import type { ZodType } from 'zod';

export interface ToolCachePolicy {
  /** How long a result stays fresh. */
  ttlMs: number;
  /** After `ttlMs`, a stale result may be served for this long while a refresh runs. */
  staleWhileRevalidateMs?: number;
  /** Whose results may be shared: everyone in the tenant, or only the same user. */
  scope: 'tenant' | 'user';
}

export interface ToolMetadata {
  /** Reads only: safe to run speculatively, share in flight, and cache. */
  readOnly: boolean;
  /** Running it twice has the effect of running it once (safe to retry). */
  idempotent: boolean;
  /** Per-call timeout. */
  timeoutMs?: number;
  /** Retries on retryable errors; side-effecting tools are retried only when idempotent. */
  retries?: number;
  /** Result caching; none when omitted. */
  cache?: ToolCachePolicy;
  /** Data the tool reads, as tag templates over the input: "ticket:{ticketId}", "user:{userId}". */
  reads?: string[];
  /** Data the tool changes, as tag templates: a successful call invalidates these tags. */
  writes?: string[];
  /** Upstream name for per-upstream concurrency limits and circuit breakers (default: the tool). */
  upstream?: string;
  /** Progress text shown while it runs, with input placeholders: "looking up {ticketId}…". */
  progress?: string;
}

export interface ToolContext {
  /** Aborted when the run is cancelled or its deadline passes. */
  signal: AbortSignal;
  /** Absolute deadline (epoch ms) of the run. */
  deadline?: number;
  requestId: string;
  user?: string;
  tenant?: string;
}

export interface Tool<Input = unknown, Output = unknown> extends ToolMetadata {
  name: string;
  description: string;
  inputSchema: ZodType<Input>;
  outputSchema?: ZodType<Output>;
  execute(input: Input, context: ToolContext): Promise<Output> | Output;
}
