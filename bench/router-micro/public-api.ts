// The parts of hotpath's public API (src/index.ts) the router benchmarks use, resolved at run time so a
// missing export fails with a clear message. Callers may pass their own implementations (tests, or a
// run against a tree whose src/index.ts does not export the router yet).

import * as hotpath from '../../src/index.js';
import type { LanguageModel, ModelMessage, ModelStreamPart, ModelToolDeclaration } from '../../src/index.js';

export interface RouterBenchRouter {
  readonly tiers: readonly string[];
  decide(input: { text: string; embedding?: Float32Array; deadline?: number }): { tier: string; deployment: string; source: string };
  stream(request: { run: unknown; step: number; messages: ModelMessage[]; tools: ModelToolDeclaration[] }): Promise<AsyncIterable<ModelStreamPart>>;
  warmUp(): Promise<void>;
  stats(): {
    steps: number;
    callsByTier: Record<string, number>;
    answeredByTier: Record<string, number>;
    startsBySource: { classifier: number; heuristic: number; raisedByHeuristic: number };
    escalations: number;
    escalationsByKind: Record<string, number | undefined>;
    lateFailures: number;
    hedges: number;
    hedgeWins: number;
    hedgeRate: number;
    failovers: number;
    deadlineRejections: number;
    holdBack: { count: number; meanMs: number; p50Ms: number; p95Ms: number; p99Ms: number };
    decision: { count: number; meanMs: number; p50Ms: number; p95Ms: number; p99Ms: number };
  };
}

export interface RouterBenchClassifier {
  readonly tiers: readonly string[];
  readonly dimensions: number;
  classify(input: { text: string; embedding: Float32Array }): { tier: string };
  learnFromOutcome(input: { text: string; embedding: Float32Array; servedBy: string; succeeded: boolean }): unknown;
}

export interface RouterBenchApi {
  createRouter(options: {
    tiers: Array<{ name: string; deployments: Array<{ name?: string; model: LanguageModel; weight?: number }> }>;
    classifier?: RouterBenchClassifier;
    hedging?: false | { quantile?: number; maxRate?: number; minSamples?: number };
    escalation?: false | { holdBackTokens?: number };
  }): RouterBenchRouter;
  createComplexityClassifier(options?: { thresholds?: readonly number[] }): RouterBenchClassifier;
}

export function resolveRouterBenchApi<Name extends keyof RouterBenchApi>(overrides: Partial<RouterBenchApi> | undefined, names: readonly Name[]): Pick<RouterBenchApi, Name> {
  const exported = { ...(hotpath as unknown as Partial<RouterBenchApi>), ...overrides };
  const missing = names.filter((name) => typeof exported[name] !== 'function');
  if (missing.length > 0) throw new Error(`src/index.ts does not export ${missing.join(', ')} (needed by bench/router-micro)`);
  return exported as Pick<RouterBenchApi, Name>;
}
