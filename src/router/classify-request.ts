// Picks the tier a request starts on: the classifier on the shared request embedding when there is
// one (and it has the classifier's dimensions), else the text heuristic. The heuristic may raise the
// classifier's pick, never lower it (see complexity-heuristic.ts). Never throws: a classifier problem
// must not fail the request, it only costs the better guess.

import type { RouterClassifier } from './router-options.js';
import { heuristicTier } from './complexity-heuristic.js';

export interface StartTierDecision {
  tierIndex: number;
  source: 'classifier' | 'heuristic';
  /** The classifier's expected tier position in [0, 1], or the heuristic's raw score. */
  score: number;
  /** The classifier chose a lower tier and the text heuristic raised it. */
  raised: boolean;
}

export interface ClassifyRequestInput {
  text: string;
  embedding: Float32Array | undefined;
  classifier: RouterClassifier | undefined;
  /** Router tier index for each classifier tier index. */
  routerTierOfClassifierTier: readonly number[];
  tierCount: number;
}

export function classifyRequest(input: ClassifyRequestInput): StartTierDecision {
  const { classifier, embedding } = input;
  if (classifier !== undefined && embedding !== undefined && (classifier.dimensions === undefined || classifier.dimensions === embedding.length)) {
    try {
      const classification = classifier.classify({ text: input.text, embedding });
      const tierIndex = input.routerTierOfClassifierTier[classifier.tiers.indexOf(classification.tier)];
      if (tierIndex !== undefined) {
        // The classifier extracted the text features already; the heuristic reuses them.
        const features = typeof classification.features?.words === 'number' ? classification.features : undefined;
        const heuristic = heuristicTier(input.text, input.tierCount, features);
        return { tierIndex: Math.max(tierIndex, heuristic.tierIndex), source: 'classifier', score: classification.score, raised: heuristic.tierIndex > tierIndex };
      }
    } catch {
      // Falls through to the heuristic: a wrong-sized or broken embedding is not the user's problem.
    }
  }
  const heuristic = heuristicTier(input.text, input.tierCount);
  return { tierIndex: heuristic.tierIndex, source: 'heuristic', score: heuristic.score, raised: false };
}
