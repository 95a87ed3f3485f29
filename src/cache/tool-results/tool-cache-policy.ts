// What the cache does with a tool, worked out once per tool: only read-only tools with a valid cache
// policy are cached.

import type { Tool } from '../../spec/index.js';

export interface ToolCachePlan {
  ttlMs: number;
  staleWhileRevalidateMs: number;
  scope: 'tenant' | 'user';
  reads: readonly string[];
  /** How long a background refresh may take before another may start. */
  refreshTimeoutMs: number;
}

const plans = new WeakMap<Tool, ToolCachePlan | null>();

export function toolCachePlan(tool: Tool): ToolCachePlan | undefined {
  let plan = plans.get(tool);
  if (plan === undefined) {
    plan = planFor(tool);
    plans.set(tool, plan);
  }
  return plan ?? undefined;
}

function planFor(tool: Tool): ToolCachePlan | null {
  const policy = tool.cache;
  if (!tool.readOnly || !policy) return null;
  const { ttlMs, staleWhileRevalidateMs = 0, scope } = policy;
  // A malformed policy caches nothing rather than caching wrongly (the executor validates tools too).
  if (!(Number.isFinite(ttlMs) && ttlMs > 0)) return null;
  if (!(Number.isFinite(staleWhileRevalidateMs) && staleWhileRevalidateMs >= 0)) return null;
  if (scope !== 'tenant' && scope !== 'user') return null;
  return { ttlMs, staleWhileRevalidateMs, scope, reads: tool.reads ?? [], refreshTimeoutMs: tool.timeoutMs ?? 30_000 };
}
