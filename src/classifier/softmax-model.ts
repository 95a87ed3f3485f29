// The model itself: softmax regression over standardised inputs (embedding dimensions, then text
// features), with a calibration layer on top. Arrays are laid out flat and preallocated so a decision
// is a few thousand multiply-adds and no garbage.

import type { ClassifierState } from './classifier-state.js';
import type { TextFeatures } from './text-features.js';
import { textFeatureCount, writeTextFeatureVector } from './text-features.js';

export interface SoftmaxModel {
  readonly tierCount: number;
  readonly dimensions: number;
  /** Embedding dimensions plus text features. */
  readonly inputCount: number;
  readonly mean: Float64Array;
  readonly inverseScale: Float64Array;
  /** Row-major: weights[tier * inputCount + input]. Mutable: online learning updates it. */
  readonly weights: Float64Array;
  readonly bias: Float64Array;
  readonly temperature: number;
  readonly calibrationBias: Float64Array;
}

export function createSoftmaxModel(state: ClassifierState): SoftmaxModel {
  const inputCount = state.dimensions + textFeatureCount;
  const weights = new Float64Array(state.tiers.length * inputCount);
  state.weights.forEach((row, tier) => weights.set(row, tier * inputCount));
  return {
    tierCount: state.tiers.length,
    dimensions: state.dimensions,
    inputCount,
    mean: Float64Array.from(state.mean),
    inverseScale: Float64Array.from(state.scale, (scale) => 1 / scale),
    weights,
    bias: Float64Array.from(state.bias),
    temperature: state.calibration.temperature,
    calibrationBias: Float64Array.from(state.calibration.bias),
  };
}

/** Raw inputs (before standardisation): the embedding followed by log-scaled text features. */
export function writeRawInput(embedding: Float32Array, features: TextFeatures, target: Float64Array): void {
  target.set(embedding, 0);
  writeTextFeatureVector(features, target, embedding.length);
}

/** Standardises `raw` into `target` (they may be the same array). Returns the squared norm of the result. */
export function standardizeInput(model: SoftmaxModel, raw: Float64Array, target: Float64Array): number {
  let squaredNorm = 0;
  for (let index = 0; index < model.inputCount; index++) {
    const value = ((raw[index] as number) - (model.mean[index] as number)) * (model.inverseScale[index] as number);
    target[index] = value;
    squaredNorm += value * value;
  }
  return squaredNorm;
}

export function computeLogits(model: SoftmaxModel, input: Float64Array, target: Float64Array): void {
  const { inputCount, weights } = model;
  for (let tier = 0; tier < model.tierCount; tier++) {
    let sum = model.bias[tier] as number;
    const offset = tier * inputCount;
    for (let index = 0; index < inputCount; index++) sum += (weights[offset + index] as number) * (input[index] as number);
    target[tier] = sum;
  }
}

/** Numerically stable softmax of `logits / temperature + bias` into `target`. */
export function softmax(logits: ArrayLike<number>, target: Float64Array, temperature = 1, bias?: ArrayLike<number>): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < target.length; index++) {
    const value = (logits[index] as number) / temperature + (bias === undefined ? 0 : (bias[index] as number));
    target[index] = value;
    if (value > max) max = value;
  }
  let sum = 0;
  for (let index = 0; index < target.length; index++) {
    const value = Math.exp((target[index] as number) - max);
    target[index] = value;
    sum += value;
  }
  for (let index = 0; index < target.length; index++) target[index] = (target[index] as number) / sum;
}

export function calibratedProbabilities(model: SoftmaxModel, logits: Float64Array, target: Float64Array): void {
  softmax(logits, target, model.temperature, model.calibrationBias);
}

/** Expected tier position scaled to [0, 1]. */
export function expectedTierScore(probabilities: Float64Array): number {
  const last = probabilities.length - 1;
  let score = 0;
  for (let tier = 1; tier <= last; tier++) score += (probabilities[tier] as number) * tier;
  return score / last;
}
