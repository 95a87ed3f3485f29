// Per-upstream protection, built once from the executor's options: a concurrency limit and a circuit
// breaker for each upstream the tools name (`tool.upstream ?? tool.name`).

import { CircuitBreaker, ConcurrencyLimit, HotpathError } from '../util/index.js';
import type { AnyTool } from './tool.js';
import type { ToolExecutorOptions } from './tool-executor-types.js';

export const defaultUpstreamConcurrency = 32;

export interface UpstreamGuard {
  limit: ConcurrencyLimit;
  breaker: CircuitBreaker | undefined;
}

export function upstreamOf(tool: AnyTool): string {
  return tool.upstream ?? tool.name;
}

function checkLimit(value: number, option: string): number {
  if (!((Number.isInteger(value) && value > 0) || value === Number.POSITIVE_INFINITY)) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `tool executor option ${option} must be a positive integer (got ${String(value)})`, { details: { option } });
  }
  return value;
}

export function createUpstreamGuards(options: ToolExecutorOptions & { now: () => number }): Map<string, UpstreamGuard> {
  const { limits = {}, breaker } = options;
  const defaultLimit = checkLimit(limits.default ?? defaultUpstreamConcurrency, 'limits.default');
  const upstreams = new Set(options.tools.map(upstreamOf));
  for (const [upstream, value] of Object.entries(limits.byUpstream ?? {})) {
    checkLimit(value, `limits.byUpstream.${upstream}`);
    if (!upstreams.has(upstream)) {
      throw new HotpathError('HOTPATH_INVALID_CONFIG', `tool executor option limits.byUpstream.${upstream} names no tool's upstream (upstreams: ${[...upstreams].join(', ')})`, {
        details: { option: `limits.byUpstream.${upstream}` },
      });
    }
  }
  const guards = new Map<string, UpstreamGuard>();
  for (const upstream of upstreams) {
    const limit = new ConcurrencyLimit({
      name: upstream,
      limit: limits.byUpstream?.[upstream] ?? defaultLimit,
      ...(limits.maxQueue === undefined ? {} : { maxQueue: limits.maxQueue }),
    });
    const circuit = breaker === false ? undefined : new CircuitBreaker({ ...breaker, name: upstream, now: options.now });
    guards.set(upstream, { limit, breaker: circuit });
  }
  return guards;
}
