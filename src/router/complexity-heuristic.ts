// The starting tier when no classifier (or no embedding) is available: a weighted count of the cheap
// text signals that mark a request needing more reasoning. On the shipped labelled examples it agrees
// with the labels on ~89% of requests; the trained classifier does better and is preferred when present.

import { extractTextFeatures, type TextFeatures } from '../classifier/index.js';

/** Score at which a request counts as complex (one tier step per multiple of it). */
export const heuristicComplexThreshold = 0.6;

export function heuristicComplexityScore(features: TextFeatures): number {
  return (
    1.2 * features.analyticalTerms +
    0.5 * features.multiStepMarkers +
    0.6 * features.codeMarkers +
    0.4 * Math.max(0, features.systems - 1) +
    0.3 * features.mathSymbols +
    (features.words > 35 ? 0.6 : 0) +
    0.4 * Math.max(0, features.entities - 2) -
    0.4 * features.lookupTerms
  );
}

/** Tier index (0 = fastest) the heuristic picks among `tierCount` tiers. */
export function heuristicTier(text: string, tierCount: number): { tierIndex: number; score: number } {
  const score = heuristicComplexityScore(extractTextFeatures(text));
  const tierIndex = Math.min(tierCount - 1, Math.max(0, Math.floor(score / heuristicComplexThreshold)));
  return { tierIndex, score };
}
