// Out-of-fold router scores: prompts are dealt into k folds by a seeded shuffle (identical prompts stay in
// one fold, so no question is both trained on and scored), a classifier is trained on k-1 folds to
// predict "the weak model gets this wrong" and scores the held-out fold. Every row ends up scored by a
// model that never saw it.

import type { OutcomeRow } from './routellm-outcomes.js';
import type { RoutingEvalApi } from './public-api.js';
import { createSeededRandom, shuffleInPlace } from './seeded-random.js';

export interface RouterTraining {
  epochs?: number;
  learningRate?: number;
  l2?: number;
}

export const needsStrongTier = 'complex';
const weakSufficesTier = 'simple';

/**
 * What the router learns to predict. `weak-wrong`: the weak model fails (the target the evaluation
 * reports first). `strong-wins`: the strong model does strictly better, the only case where a strong call
 * buys quality (questions both models fail are labelled simple).
 */
export type RoutingTarget = 'weak-wrong' | 'strong-wins';

export function routingLabel(row: OutcomeRow, target: RoutingTarget = 'weak-wrong'): string {
  const needsStrong = target === 'weak-wrong' ? row.weakQuality < 1 : row.strongQuality > row.weakQuality;
  return needsStrong ? needsStrongTier : weakSufficesTier;
}

export function assignFolds(prompts: readonly string[], folds: number, seed: number): Int32Array {
  const distinct = shuffleInPlace([...new Set(prompts)], createSeededRandom(seed));
  const foldOf = new Map(distinct.map((prompt, position) => [prompt, position % folds]));
  return Int32Array.from(prompts, (prompt) => foldOf.get(prompt) as number);
}

export function trainRouter(options: {
  api: Pick<RoutingEvalApi, 'trainClassifier' | 'createComplexityClassifier'>;
  rows: readonly OutcomeRow[];
  embeddings: readonly Float32Array[];
  embeddingModelId: string;
  seed: number;
  training?: RouterTraining;
  target?: RoutingTarget;
}) {
  const { api, rows, embeddings } = options;
  const { state } = api.trainClassifier({
    examples: rows.map((row, index) => ({ text: row.prompt, embedding: embeddings[index] as Float32Array, tier: routingLabel(row, options.target) })),
    embeddingModelId: options.embeddingModelId,
    tiers: [weakSufficesTier, needsStrongTier],
    seed: options.seed,
    // Routing only needs the ranking of scores; calibration would not change it.
    calibrationFolds: 0,
    ...options.training,
  });
  return api.createComplexityClassifier({ state, onlineLearning: false });
}

export function crossFitScores(options: {
  api: Pick<RoutingEvalApi, 'trainClassifier' | 'createComplexityClassifier'>;
  rows: readonly OutcomeRow[];
  embeddings: readonly Float32Array[];
  embeddingModelId: string;
  folds: number;
  seed: number;
  training?: RouterTraining;
  target?: RoutingTarget;
  onFold?: (fold: number) => void;
}): Float64Array {
  const { rows, embeddings, folds, seed } = options;
  const foldOf = assignFolds(
    rows.map((row) => row.prompt),
    folds,
    seed,
  );
  const scores = new Float64Array(rows.length);
  for (let fold = 0; fold < folds; fold++) {
    const trainIndices = rows.map((_, index) => index).filter((index) => foldOf[index] !== fold);
    const router = trainRouter({
      api: options.api,
      rows: trainIndices.map((index) => rows[index] as OutcomeRow),
      embeddings: trainIndices.map((index) => embeddings[index] as Float32Array),
      embeddingModelId: options.embeddingModelId,
      seed: seed + fold,
      training: options.training,
      target: options.target,
    });
    rows.forEach((row, index) => {
      if (foldOf[index] === fold) scores[index] = router.classify({ text: row.prompt, embedding: embeddings[index] as Float32Array }).score;
    });
    options.onFold?.(fold);
  }
  return scores;
}

/** Area under the ROC curve of `scores` for rows labelled positive (ties count half). */
export function rocAuc(scores: ArrayLike<number>, positive: readonly boolean[]): number {
  const order = Array.from({ length: positive.length }, (_, index) => index).sort((first, second) => (scores[first] as number) - (scores[second] as number));
  let rankSum = 0;
  let positives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1] as number] === scores[order[start] as number]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let index = start; index <= end; index++) {
      if (positive[order[index] as number]) {
        rankSum += averageRank;
        positives++;
      }
    }
    start = end + 1;
  }
  const negatives = positive.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
