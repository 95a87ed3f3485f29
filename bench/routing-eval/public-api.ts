// The parts of hotpath's public API (src/index.ts) the routing evaluation uses, resolved at run time so
// a missing export fails with a clear message. Callers may pass their own implementations (tests, or a
// run against a work-in-progress tree).

import * as hotpath from '../../src/index.js';
import type { EmbeddingModel } from '../../src/index.js';

export interface RoutingEvalClassifier {
  readonly tiers: readonly string[];
  classify(input: { text: string; embedding: Float32Array }): { tier: string; score: number; probabilities: Record<string, number> };
  learn(input: { text: string; embedding: Float32Array; tier: string; weight?: number }): { probabilityBefore: number; probabilityAfter: number };
}

export interface RoutingEvalApi {
  createUniversalSentenceEncoder(options?: { worker?: boolean }): EmbeddingModel & { close(): Promise<void> };
  trainClassifier(options: {
    examples: ReadonlyArray<{ text: string; embedding: Float32Array; tier: string }>;
    embeddingModelId: string;
    tiers?: readonly string[];
    seed?: number;
    epochs?: number;
    learningRate?: number;
    l2?: number;
    calibrationFolds?: number;
  }): { state: unknown };
  createComplexityClassifier(options?: { state?: unknown; onlineLearning?: false }): RoutingEvalClassifier;
}

export function resolveRoutingEvalApi<Name extends keyof RoutingEvalApi>(
  overrides: Partial<RoutingEvalApi> | undefined,
  names: readonly Name[],
): Pick<RoutingEvalApi, Name> {
  const exported = { ...(hotpath as unknown as Partial<RoutingEvalApi>), ...overrides };
  const missing = names.filter((name) => typeof exported[name] !== 'function');
  if (missing.length > 0) throw new Error(`src/index.ts does not export ${missing.join(', ')} (needed by bench/routing-eval)`);
  return exported as Pick<RoutingEvalApi, Name>;
}
