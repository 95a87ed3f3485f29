// Test doubles for the response and plan caches: vectors with a chosen similarity, a Map-backed bus,
// and tool-call evidence in one line.

import type { ChangeNotice, InvalidationBus, ToolCachePolicy } from '../../spec/index.js';
import type { ToolCallEvidence } from './run-analysis.js';

export const dimensions = 8;

/**
 * A unit vector whose cosine with `base(axis)` is `similarity` (axis 0..3); the rest lies on
 * `remainderAxis` (4..7), so two vectors with different remainder axes are no closer than needed.
 */
export function vectorAt(similarity: number, axis = 0, remainderAxis = axis + 4): Float32Array {
  const vector = new Float32Array(dimensions);
  vector[axis] = similarity;
  vector[remainderAxis] = Math.sqrt(Math.max(0, 1 - similarity * similarity));
  return vector;
}

/** The calibration curve point of the bin holding `similarity` (float32 vectors land just below round numbers). */
export function pointAt<Point extends { threshold: number }>(curve: readonly Point[], similarity: number): Point | undefined {
  return curve.filter((point) => point.threshold <= similarity - 1e-6).at(-1);
}

export const base = (axis = 0) => vectorAt(1, axis);

export function memoryBus(): InvalidationBus & { published: ChangeNotice[] } {
  const listeners = new Set<(notice: ChangeNotice) => void>();
  const published: ChangeNotice[] = [];
  return {
    published,
    async publish(notice) {
      published.push(notice);
      for (const listener of listeners) listener(notice);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function readCall(options: {
  toolName: string;
  input: Record<string, unknown>;
  output?: unknown;
  reads?: string[];
  scope?: ToolCachePolicy['scope'] | 'none';
  ttlMs?: number;
  failed?: boolean;
}): ToolCallEvidence {
  const scope = options.scope ?? 'tenant';
  return {
    toolName: options.toolName,
    input: options.input,
    output: options.output ?? { ok: true },
    failed: options.failed ?? false,
    tool: {
      readOnly: true,
      ...(options.reads ? { reads: options.reads } : {}),
      ...(scope === 'none' ? {} : { cache: { ttlMs: options.ttlMs ?? 60_000, scope } }),
    },
  };
}

export function writeCall(toolName: string, input: Record<string, unknown>, writes: string[] = []): ToolCallEvidence {
  return { toolName, input, output: { ok: true }, failed: false, tool: { readOnly: false, writes } };
}
