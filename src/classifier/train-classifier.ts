// Trains a classifier state from embedded, labelled examples: standardisation, softmax regression by
// mini-batch Adam with L2, and a calibration layer fitted on out-of-fold logits (each example scored by
// a model that did not see it), so the final model can use every example and still be calibrated.

import { HotpathError } from '../util/index.js';
import type { EmbeddedExample } from './classifier-types.js';
import type { ClassifierState } from './classifier-state.js';
import { classifierStateFormat, classifierStateVersion } from './classifier-state.js';
import { fitCalibration } from './fit-calibration.js';
import { fitSoftmaxWeights } from './fit-softmax-weights.js';
import { createSeededRandom, shuffleInPlace } from './seeded-random.js';
import { computeLogits, writeRawInput } from './softmax-model.js';
import type { SoftmaxModel } from './softmax-model.js';
import { extractTextFeatures, textFeatureCount, textFeatureNames } from './text-features.js';

export const defaultTiers: readonly string[] = Object.freeze(['simple', 'complex']);

export interface TrainClassifierOptions {
  examples: readonly EmbeddedExample[];
  /** Which embedding model produced the embeddings (recorded in the state, checked when loading it). */
  embeddingModelId: string;
  /** Ordered tiers, cheapest first (default: simple, complex). */
  tiers?: readonly string[];
  /** Seed for mini-batch order and fold assignment (default 7). */
  seed?: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  batchSize?: number;
  /** Folds used to produce out-of-fold logits for calibration (default 5; 0 = no calibration). */
  calibrationFolds?: number;
  /** Weight examples so every tier counts the same in the loss (default false). */
  balanceTiers?: boolean;
}

export interface TrainedClassifier {
  state: ClassifierState;
  /** Quality of the out-of-fold predictions used for calibration (absent without calibration folds). */
  crossValidation?: { folds: number; accuracy: number; logLossBeforeCalibration: number; logLossAfterCalibration: number };
}

interface ResolvedTrainingOptions {
  tiers: readonly string[];
  seed: number;
  epochs: number;
  learningRate: number;
  l2: number;
  batchSize: number;
  calibrationFolds: number;
  balanceTiers: boolean;
}

function invalid(option: string, message: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_ARGUMENT', `trainClassifier: ${option} ${message}`, { details: { option } });
}

function resolveOptions(options: TrainClassifierOptions): ResolvedTrainingOptions {
  const resolved: ResolvedTrainingOptions = {
    tiers: options.tiers ?? defaultTiers,
    seed: options.seed ?? 7,
    epochs: options.epochs ?? 40,
    learningRate: options.learningRate ?? 0.01,
    l2: options.l2 ?? 1e-3,
    batchSize: options.batchSize ?? 32,
    calibrationFolds: options.calibrationFolds ?? 5,
    balanceTiers: options.balanceTiers ?? false,
  };
  if (resolved.tiers.length < 2 || new Set(resolved.tiers).size !== resolved.tiers.length) {
    throw invalid('tiers', `must list at least two distinct tier names (got ${JSON.stringify(resolved.tiers)})`);
  }
  if (!Number.isInteger(resolved.seed)) throw invalid('seed', `must be an integer (got ${resolved.seed})`);
  if (!Number.isInteger(resolved.epochs) || resolved.epochs < 1) throw invalid('epochs', `must be a positive integer (got ${resolved.epochs})`);
  if (!(resolved.learningRate > 0)) throw invalid('learningRate', `must be positive (got ${resolved.learningRate})`);
  if (!(resolved.l2 >= 0)) throw invalid('l2', `must be zero or positive (got ${resolved.l2})`);
  if (!Number.isInteger(resolved.batchSize) || resolved.batchSize < 1) throw invalid('batchSize', `must be a positive integer (got ${resolved.batchSize})`);
  if (!Number.isInteger(resolved.calibrationFolds) || resolved.calibrationFolds < 0 || resolved.calibrationFolds === 1) {
    throw invalid('calibrationFolds', `must be 0 or an integer of at least 2 (got ${resolved.calibrationFolds})`);
  }
  if (options.embeddingModelId.length === 0) throw invalid('embeddingModelId', 'must not be empty');
  return resolved;
}

export function trainClassifier(options: TrainClassifierOptions): TrainedClassifier {
  const settings = resolveOptions(options);
  const { examples } = options;
  const { tiers } = settings;
  if (examples.length === 0) throw invalid('examples', 'must not be empty');
  const dimensions = examples[0]!.embedding.length;
  const inputCount = dimensions + textFeatureCount;
  const tierIndex = new Map(tiers.map((tier, index) => [tier, index]));
  const labels = new Int32Array(examples.length);
  const exampleWeights = new Float64Array(examples.length);
  const raw = new Float64Array(examples.length * inputCount);
  const row = new Float64Array(inputCount);
  const examplesPerTier: Record<string, number> = Object.fromEntries(tiers.map((tier) => [tier, 0]));

  examples.forEach((example, index) => {
    const label = tierIndex.get(example.tier);
    if (label === undefined) throw invalid(`examples[${index}].tier`, `"${example.tier}" is not one of the tiers (${tiers.join(', ')})`);
    if (example.embedding.length !== dimensions) {
      throw invalid(`examples[${index}].embedding`, `has ${example.embedding.length} dimensions, expected ${dimensions} like the first example`);
    }
    const weight = example.weight ?? 1;
    if (!(weight >= 0) || !Number.isFinite(weight)) throw invalid(`examples[${index}].weight`, `must be a finite number ≥ 0 (got ${weight})`);
    labels[index] = label;
    exampleWeights[index] = weight;
    examplesPerTier[example.tier] = (examplesPerTier[example.tier] ?? 0) + 1;
    writeRawInput(example.embedding, extractTextFeatures(example.text), row);
    raw.set(row, index * inputCount);
  });
  for (const tier of tiers) {
    if (examplesPerTier[tier] === 0) throw invalid('examples', `contain no example of tier "${tier}"`);
  }
  if (settings.balanceTiers) {
    examples.forEach((example, index) => {
      const share = examples.length / (tiers.length * (examplesPerTier[example.tier] as number));
      exampleWeights[index] = (exampleWeights[index] as number) * share;
    });
  }

  const { mean, scale } = fitStandardization(raw, examples.length, inputCount);
  const inputs = raw; // standardised in place: the raw values are not needed any more
  for (let example = 0; example < examples.length; example++) {
    const offset = example * inputCount;
    for (let index = 0; index < inputCount; index++) {
      inputs[offset + index] = ((inputs[offset + index] as number) - (mean[index] as number)) / (scale[index] as number);
    }
  }

  const fit = (indices: readonly number[], seedOffset: number) =>
    fitSoftmaxWeights({
      inputs,
      inputCount,
      labels,
      exampleWeights,
      indices,
      tierCount: tiers.length,
      epochs: settings.epochs,
      learningRate: settings.learningRate,
      l2: settings.l2,
      batchSize: settings.batchSize,
      random: createSeededRandom(settings.seed + seedOffset),
    });

  const allIndices = Array.from({ length: examples.length }, (_, index) => index);
  const final = fit(allIndices, 0);

  let calibration = { temperature: 1, bias: new Array<number>(tiers.length).fill(0) };
  let crossValidation: TrainedClassifier['crossValidation'];
  const folds = Math.min(settings.calibrationFolds, ...Object.values(examplesPerTier));
  if (folds >= 2) {
    const outOfFold = outOfFoldLogits({ labels, folds, tierCount: tiers.length, seed: settings.seed, inputs, inputCount, fit });
    const fitted = fitCalibration({ logits: outOfFold.logits, labels, tierCount: tiers.length });
    calibration = { temperature: fitted.temperature, bias: fitted.bias };
    crossValidation = {
      folds,
      accuracy: outOfFold.accuracy,
      logLossBeforeCalibration: fitted.logLossBefore,
      logLossAfterCalibration: fitted.logLossAfter,
    };
  }

  const state: ClassifierState = {
    format: classifierStateFormat,
    version: classifierStateVersion,
    embeddingModelId: options.embeddingModelId,
    dimensions,
    tiers: [...tiers],
    textFeatures: [...textFeatureNames],
    mean: Array.from(mean),
    scale: Array.from(scale),
    weights: tiers.map((_, tier) => Array.from(final.weights.subarray(tier * inputCount, (tier + 1) * inputCount))),
    bias: Array.from(final.bias),
    calibration,
    training: {
      seed: settings.seed,
      examples: examples.length,
      examplesPerTier,
      epochs: settings.epochs,
      learningRate: settings.learningRate,
      l2: settings.l2,
      batchSize: settings.batchSize,
      calibrationExamples: crossValidation === undefined ? 0 : examples.length,
      onlineUpdates: 0,
    },
  };
  return crossValidation === undefined ? { state } : { state, crossValidation };
}

function fitStandardization(raw: Float64Array, count: number, inputCount: number): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(inputCount);
  const scale = new Float64Array(inputCount);
  for (let example = 0; example < count; example++) {
    const offset = example * inputCount;
    for (let index = 0; index < inputCount; index++) mean[index] = (mean[index] as number) + (raw[offset + index] as number);
  }
  for (let index = 0; index < inputCount; index++) mean[index] = (mean[index] as number) / count;
  for (let example = 0; example < count; example++) {
    const offset = example * inputCount;
    for (let index = 0; index < inputCount; index++) {
      const difference = (raw[offset + index] as number) - (mean[index] as number);
      scale[index] = (scale[index] as number) + difference * difference;
    }
  }
  for (let index = 0; index < inputCount; index++) {
    const deviation = Math.sqrt((scale[index] as number) / count);
    // A constant input carries no information; scale 1 keeps it harmless instead of dividing by zero.
    scale[index] = deviation > 1e-6 ? deviation : 1;
  }
  return { mean, scale };
}

function outOfFoldLogits(options: {
  labels: Int32Array;
  folds: number;
  tierCount: number;
  seed: number;
  inputs: Float64Array;
  inputCount: number;
  fit: (indices: readonly number[], seedOffset: number) => { weights: Float64Array; bias: Float64Array };
}): { logits: Float64Array; accuracy: number } {
  const { labels, folds, tierCount, inputs, inputCount, fit } = options;
  const random = createSeededRandom(options.seed ^ 0x5bd1e995);
  // Stratified: each tier's examples are dealt round-robin over the folds after a seeded shuffle.
  const foldOf = new Int32Array(labels.length);
  for (let tier = 0; tier < tierCount; tier++) {
    const members = shuffleInPlace(
      Array.from(labels.keys()).filter((index) => labels[index] === tier),
      random,
    );
    members.forEach((example, position) => (foldOf[example] = position % folds));
  }
  const logits = new Float64Array(labels.length * tierCount);
  let correct = 0;
  for (let fold = 0; fold < folds; fold++) {
    const trainIndices: number[] = [];
    const testIndices: number[] = [];
    foldOf.forEach((assigned, index) => (assigned === fold ? testIndices : trainIndices).push(index));
    const fitted = fit(trainIndices, fold + 1);
    const model: SoftmaxModel = {
      tierCount,
      dimensions: inputCount - textFeatureCount,
      inputCount,
      mean: new Float64Array(inputCount),
      inverseScale: new Float64Array(inputCount).fill(1),
      weights: fitted.weights,
      bias: fitted.bias,
      temperature: 1,
      calibrationBias: new Float64Array(tierCount),
    };
    const target = new Float64Array(tierCount);
    for (const example of testIndices) {
      computeLogits(model, inputs.subarray(example * inputCount, (example + 1) * inputCount), target);
      logits.set(target, example * tierCount);
      let best = 0;
      for (let tier = 1; tier < tierCount; tier++) if ((target[tier] as number) > (target[best] as number)) best = tier;
      if (best === labels[example]) correct++;
    }
  }
  return { logits, accuracy: correct / labels.length };
}
