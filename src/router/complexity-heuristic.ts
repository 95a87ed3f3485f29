// The starting tier from text alone: a weighted count of the cheap signals that mark a request needing
// more reasoning (the classifier's text features, plus a few trend and diagnosis cues they do not
// count). It routes when there is no classifier or no embedding, and it can raise — never lower — the
// classifier's pick, because sending a complex request to the fast tier costs an escalation while the
// heuristic rarely calls a simple request complex. On the shipped labelled examples it agrees with the
// labels on ~89% of requests.

import { extractTextFeatures, type TextFeatures } from '../classifier/index.js';

/** Score at which a request counts as complex (one tier step per multiple of it). */
export const heuristicComplexThreshold = 0.6;

// Trend and diagnosis questions phrased without the analysis vocabulary: "going up or down",
// "quarter-over-quarter", "which deployment broke it", "keeps showing up".
const complexityCues = new RegExp(
  String.raw`\b(?:(?:quarter|month|year|week)-over-(?:quarter|month|year|week)|going up or down|up or down|over time|` +
    String.raw`per (?:month|week|quarter|day)|month by month|week by week|monthly|weekly|quarterly|direction|` +
    String.raw`which (?:deployment|change|release|commit|system|service) (?:broke|caused|introduced|is causing)|` +
    String.raw`keeps? (?:happening|showing up|failing|coming back|crashing))\b`,
  'gi',
);

function countCues(text: string): number {
  complexityCues.lastIndex = 0;
  let count = 0;
  while (complexityCues.exec(text) !== null) count++;
  return count;
}

export function heuristicComplexityScore(features: TextFeatures, cues = 0): number {
  return (
    1.2 * features.analyticalTerms +
    0.8 * cues +
    0.5 * features.multiStepMarkers +
    0.6 * features.codeMarkers +
    0.4 * Math.max(0, features.systems - 1) +
    0.3 * features.mathSymbols +
    (features.words > 35 ? 0.6 : 0) +
    0.4 * Math.max(0, features.entities - 2) -
    0.4 * features.lookupTerms
  );
}

/** Tier index (0 = fastest) the heuristic picks among `tierCount` tiers; pass `features` when already extracted. */
export function heuristicTier(text: string, tierCount: number, features?: TextFeatures): { tierIndex: number; score: number } {
  const score = heuristicComplexityScore(features ?? extractTextFeatures(text), countCues(text));
  const tierIndex = Math.min(tierCount - 1, Math.max(0, Math.floor(score / heuristicComplexThreshold)));
  return { tierIndex, score };
}
