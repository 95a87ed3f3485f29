// The response cache's public shapes: options, a request, a lookup in progress and its hit, the
// evidence a fresh run hands back, and the counters.

import type { CacheStore, ChangeNotice, FinishReason, InvalidationBus } from '../../spec/index.js';
import type { TagClock } from '../invalidation/tag-clock.js';
import type { ExtractedSlots, SpeechAct } from '../slots/index.js';
import type { ResponseEntry } from './response-entry.js';
import type { ToolCallEvidence } from './run-analysis.js';
import type { ThresholdCalibrator, ThresholdCalibratorOptions } from './threshold-calibrator.js';

export interface ResponseCacheOptions {
  /** Where entries live. Default: an in-process memory store of 64 MiB. */
  store?: CacheStore<ResponseEntry>;
  /** Change notices evict the entries built from the changed data; own writes are published on it. */
  bus?: InvalidationBus;
  /** Per-tag invalidation clock: a run that started before an invalidation of its data is not stored. */
  clock?: TagClock;
  /** Thresholds per pattern; or options for a new calibrator. */
  calibrator?: ThresholdCalibrator | ThresholdCalibratorOptions;
  /** Longest life of an entry. Default 10 minutes. */
  ttlMs?: number;
  /** Life of an entry built from a tool that declares no `reads` tags (nothing can evict it early). Default 60 s. */
  untaggedTtlMs?: number;
  /** Share of would-be semantic hits run anyway to keep learning whether they are right. Default 0.05. */
  explorationRate?: number;
  /** Misses this far below the threshold are compared with the candidate when they finish. Default 0.1. */
  observeBelow?: number;
  /**
   * A request whose nearest side-effecting request (one whose run acted) is at least this similar,
   * and no less similar than its best cached candidate minus `sideEffectMargin`, bypasses the cache.
   * Default 0.7.
   */
  sideEffectFloor?: number;
  /** Default 0.02. */
  sideEffectMargin?: number;
  /** Side-effecting requests remembered per cache. Default 10,000. */
  sideEffectMemory?: number;
  /** Decides whether two tool-less answers agree (for calibration); without it those teach nothing. */
  answerAgreement?: (cached: string, fresh: string) => boolean | Promise<boolean>;
  /** Group size from which semantic search uses an ANN index. Default 512. */
  exactScanBelow?: number;
  /** Prefix of store keys. Default "hotpath:response:". */
  keyPrefix?: string;
  random?: () => number;
  /** Epoch ms. Default Date.now. */
  now?: () => number;
}

export interface ResponseCacheRequest {
  /** Tenant, agent configuration and conversation so far, hashed: entries never cross it. */
  namespace: string;
  tenant?: string;
  user?: string;
  text: string;
  /** Another component (the plan cache) knows this request's pattern to act. */
  predictsSideEffects?: boolean;
}

export type BypassReason = 'command' | 'side-effect-pattern' | 'side-effect-request' | 'side-effect-neighbour';

export interface ResponseHit {
  layer: 'exact' | 'semantic';
  /** The store key of the entry served. */
  key: string;
  answer: string;
  similarity: number;
  entry: ResponseEntry;
}

export interface SemanticCandidate {
  key: string;
  entry: ResponseEntry;
  similarity: number;
  threshold: number;
}

export interface RunEvidence {
  text: string;
  finishReason: FinishReason;
  toolCalls: readonly ToolCallEvidence[];
  /** The request vector, when it was computed (needed to index the entry). */
  embedding?: Float32Array;
}

export type NotStoredReason =
  | 'command'
  | 'side-effect'
  | 'side-effect-pattern'
  | 'tool-error'
  | 'incomplete'
  | 'empty'
  | 'invalidated-in-flight'
  | 'stale-dependency'
  | 'store-error';

export type StoreOutcome = { stored: true; key: string } | { stored: false; reason: NotStoredReason };

export interface ResponseLookup {
  readonly request: ResponseCacheRequest;
  readonly normalized: string;
  readonly slots: ExtractedSlots;
  readonly act: SpeechAct;
  /** Set when the request must run whatever the cache holds. */
  readonly bypass: BypassReason | undefined;
  /** The best semantic candidate after scope, slot and act checks (hit or not). */
  readonly candidate: SemanticCandidate | undefined;
  /** Exact hit; synchronous when the store answers synchronously. */
  exact(): ResponseHit | undefined | Promise<ResponseHit | undefined>;
  /**
   * Semantic hit for the request's embedding. `serve: false` (the run already went on without it) only
   * compares: a candidate that would have been a hit is checked against the fresh answer instead.
   */
  semantic(embedding: Float32Array, options?: { serve?: boolean }): ResponseHit | undefined | Promise<ResponseHit | undefined>;
  /**
   * The fresh run's result: stored when safe; teaches calibration and the side-effect memory. Given as
   * a promise when part of it (the embedding) is still on its way; the cache's `idle()` waits for it.
   */
  complete(evidence: RunEvidence | Promise<RunEvidence>): Promise<StoreOutcome>;
}

export interface ResponseCacheStats {
  lookups: number;
  exactHits: number;
  semanticHits: number;
  misses: number;
  bypassed: Record<BypassReason, number>;
  explored: number;
  observations: number;
  stored: number;
  notStored: Record<NotStoredReason, number>;
  evicted: { tag: number; version: number; expired: number };
}

export interface ResponseCache {
  /** For a cache invalidator's registry. */
  readonly name: string;
  readonly calibrator: ThresholdCalibrator;
  /** Evicts what a change notice names; the same notice object is applied once. */
  applyNotice(notice: ChangeNotice): Promise<number>;
  begin(request: ResponseCacheRequest): ResponseLookup;
  /**
   * Whether any semantic hit can be served now: some threshold is certified. Until one is, a caller
   * need not wait for the request embedding before running (the lookup still learns from it).
   */
  servesSemanticHits(): boolean;
  /** Evicts every entry built from these tags (source "api" unless said) and announces it on the bus. */
  invalidate(options: { tags: readonly string[]; source?: string; tenant?: string; user?: string }): Promise<number>;
  /** A fresh tool result seen elsewhere (the tool-result cache, another layer): newer versions evict. */
  observeToolResult(options: { tenant?: string; toolName: string; input: unknown; output: unknown }): void;
  /** Adds an answer directly (warming from a FAQ, evaluation). */
  seed(entry: {
    namespace: string;
    tenant?: string;
    user?: string;
    text: string;
    answer: string;
    embedding?: Float32Array;
    cluster?: string;
    tags?: readonly string[];
    ttlMs?: number;
  }): Promise<string>;
  /** Indexes the store's live entries (a shared store filled by other processes). */
  warm(): Promise<number>;
  /** Resolves once stores started by `complete` have settled. */
  idle(): Promise<void>;
  stats(): ResponseCacheStats;
  close(): Promise<void>;
}
