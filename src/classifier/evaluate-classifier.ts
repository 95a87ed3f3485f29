// Quality of a classifier on labelled examples it did not train on: accuracy, per-tier precision and
// recall, the confusion matrix, log loss and expected calibration error (do the probabilities mean
// what they say?).

import type { ClassifyInput } from './classifier-types.js';
import type { ComplexityClassifier } from './complexity-classifier.js';

export interface ClassifierEvaluation {
  examples: number;
  accuracy: number;
  logLoss: number;
  /** Expected calibration error over 10 equal-width bins of the winning probability. */
  expectedCalibrationError: number;
  perTier: Record<string, { examples: number; precision: number; recall: number }>;
  /** confusion[actual][predicted] = count. */
  confusion: Record<string, Record<string, number>>;
}

export function evaluateClassifier(
  classifier: Pick<ComplexityClassifier, 'classify' | 'tiers'>,
  examples: ReadonlyArray<ClassifyInput & { tier: string }>,
): ClassifierEvaluation {
  const { tiers } = classifier;
  const confusion: Record<string, Record<string, number>> = Object.fromEntries(
    tiers.map((actual) => [actual, Object.fromEntries(tiers.map((predicted) => [predicted, 0]))]),
  );
  const binCount = 10;
  const binConfidence = new Float64Array(binCount);
  const binCorrect = new Float64Array(binCount);
  const binSize = new Float64Array(binCount);
  let correct = 0;
  let logLoss = 0;
  for (const example of examples) {
    const result = classifier.classify(example);
    const row = confusion[example.tier];
    if (row !== undefined) row[result.tier] = (row[result.tier] ?? 0) + 1;
    const hit = result.tier === example.tier;
    if (hit) correct++;
    logLoss -= Math.log(Math.max(result.probabilities[example.tier] ?? 0, 1e-12));
    const confidence = result.probabilities[result.tier] ?? 0;
    const bin = Math.min(binCount - 1, Math.floor(confidence * binCount));
    binConfidence[bin] = (binConfidence[bin] as number) + confidence;
    binCorrect[bin] = (binCorrect[bin] as number) + (hit ? 1 : 0);
    binSize[bin] = (binSize[bin] as number) + 1;
  }
  const count = examples.length;
  let calibrationError = 0;
  for (let bin = 0; bin < binCount; bin++) {
    if (binSize[bin] === 0) continue;
    calibrationError += Math.abs((binConfidence[bin] as number) - (binCorrect[bin] as number)) / Math.max(count, 1);
  }
  const perTier = Object.fromEntries(
    tiers.map((tier) => {
      const truePositive = confusion[tier]?.[tier] ?? 0;
      const actual = Object.values(confusion[tier] ?? {}).reduce((sum, value) => sum + value, 0);
      const predicted = tiers.reduce((sum, other) => sum + (confusion[other]?.[tier] ?? 0), 0);
      return [tier, { examples: actual, precision: predicted === 0 ? 0 : truePositive / predicted, recall: actual === 0 ? 0 : truePositive / actual }];
    }),
  );
  return {
    examples: count,
    accuracy: count === 0 ? 0 : correct / count,
    logLoss: count === 0 ? 0 : logLoss / count,
    expectedCalibrationError: calibrationError,
    perTier,
    confusion,
  };
}
