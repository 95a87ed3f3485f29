// The shapes the classifier speaks in. The request's embedding is computed once upstream (and shared
// with the semantic cache), so every entry point takes it as input instead of embedding text itself.

import type { TextFeatures } from './text-features.js';

/** Tier names, ordered from the cheapest model to the most capable one. */
export type TierList = readonly string[];

export interface ClassifyInput {
  text: string;
  /** The request's L2-normalised embedding (same model and dimensions as the classifier state). */
  embedding: Float32Array;
}

export interface Classification {
  tier: string;
  /** Calibrated probability of each tier, in tier order. */
  probabilities: Record<string, number>;
  /**
   * Expected tier position in [0, 1] (0 = first tier, 1 = last). With two tiers it is the probability
   * of the second one; `thresholds` cut on it.
   */
  score: number;
  features: TextFeatures;
}

export interface LearnInput extends ClassifyInput {
  /** The tier the request turned out to need (a fast-model failure means the next tier up). */
  tier: string;
  /** How much this outcome counts (default 1, capped by `onlineLearning.maxWeight`). */
  weight?: number;
}

export interface OutcomeInput extends ClassifyInput {
  /** Tier whose model answered. */
  servedBy: string;
  /** Whether that answer was good enough (no refusal, valid tool calls, grounded in the tool results). */
  succeeded: boolean;
}

export interface LearnResult {
  /** Calibrated probability of the taught tier before and after the step. */
  probabilityBefore: number;
  probabilityAfter: number;
  /** Online steps applied since the state was trained. */
  onlineUpdates: number;
}

/** A labelled example with its embedding, as the trainer consumes it. */
export interface EmbeddedExample {
  text: string;
  embedding: Float32Array;
  tier: string;
  weight?: number;
}

/** A labelled example as stored in the shipped JSONL files. */
export interface LabelledExample {
  text: string;
  tier: string;
}
