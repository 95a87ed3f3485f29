// The parts of hotpath's public API (src/index.ts) the routing evaluation uses, described by the few
// members it calls so that tests can pass small stand-ins; by default the real exports are used.

import type { EmbeddingModel } from '../../src/index.js';
import { createComplexityClassifier, createUniversalSentenceEncoder, trainClassifier } from '../../src/index.js';

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

// Checked by the compiler: hotpath's exports fit the shapes above.
const hotpathApi: RoutingEvalApi = {
  createUniversalSentenceEncoder,
  trainClassifier,
  createComplexityClassifier: (options) =>
    createComplexityClassifier(options as Parameters<typeof createComplexityClassifier>[0]),
};

export function resolveRoutingEvalApi(overrides: Partial<RoutingEvalApi> = {}): RoutingEvalApi {
  return { ...hotpathApi, ...overrides };
}
