// The parts of hotpath's public API (src/index.ts) the cache evaluation uses, resolved at run time so
// a missing export fails with a clear message. Callers may pass their own implementations (tests, or a
// run against a tree whose public index does not export the caches yet).

import * as hotpath from '../../src/index.js';
import type { EmbeddingModel } from '../../src/index.js';

export interface EvalSemanticCandidate {
  similarity: number;
  threshold: number;
  entry: { answer: string; cluster: string };
}

export interface EvalLookup {
  readonly bypass: string | undefined;
  readonly candidate: EvalSemanticCandidate | undefined;
  semantic(embedding: Float32Array): unknown;
}

export interface EvalCalibrator {
  observe(observation: { cluster: string; similarity: number; correct: boolean }): void;
  threshold(cluster?: string): number;
  decision(cluster?: string): { threshold: number; source: string };
  clusters(): string[];
  snapshot(): unknown;
}

export interface EvalResponseCache {
  begin(request: { namespace: string; text: string }): EvalLookup;
  seed(entry: { namespace: string; text: string; answer: string; embedding: Float32Array; cluster: string; ttlMs: number }): Promise<string>;
  close(): Promise<void>;
}

export interface EvalSemanticIndex {
  add(id: number, group: string, vector: Float32Array): void;
  nearest(groups: readonly string[], vector: Float32Array, limit: number): Array<{ id: number; similarity: number }>;
}

export interface CacheEvalApi {
  createUniversalSentenceEncoder(): EmbeddingModel & { close(): Promise<void> };
  createThresholdCalibrator(options: { maxFalseHitRate: number; confidence?: number }): EvalCalibrator;
  createResponseCache(options: { calibrator: EvalCalibrator; explorationRate: number; ttlMs: number }): EvalResponseCache;
  createSemanticIndex(options: { dimensions: number }): EvalSemanticIndex;
}

export function resolveCacheEvalApi<Name extends keyof CacheEvalApi>(overrides: Partial<CacheEvalApi> | undefined, names: readonly Name[]): Pick<CacheEvalApi, Name> {
  const exported = { ...(hotpath as unknown as Partial<CacheEvalApi>), ...overrides };
  const missing = names.filter((name) => typeof exported[name] !== 'function');
  if (missing.length > 0) throw new Error(`src/index.ts does not export ${missing.join(', ')} (needed by bench/cache-eval)`);
  return exported as Pick<CacheEvalApi, Name>;
}
