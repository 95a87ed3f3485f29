// Mini-batch Adam on the softmax cross-entropy with L2, over inputs that are already standardised.
// The problem is convex, so weights start at zero and the seed only orders the mini-batches: the same
// seed gives the same weights.

import type { RandomSource } from './seeded-random.js';
import { shuffleInPlace } from './seeded-random.js';
import { softmax } from './softmax-model.js';

export interface FitSoftmaxWeightsOptions {
  /** Row-major standardised inputs: inputs[example * inputCount + input]. */
  inputs: Float64Array;
  inputCount: number;
  /** Tier index of each example. */
  labels: Int32Array;
  /** Loss weight of each example. */
  exampleWeights: Float64Array;
  /** Which examples to train on (indices into labels). */
  indices: readonly number[];
  tierCount: number;
  epochs: number;
  learningRate: number;
  l2: number;
  batchSize: number;
  random: RandomSource;
}

export interface FittedSoftmaxWeights {
  /** Row-major: weights[tier * inputCount + input]. */
  weights: Float64Array;
  bias: Float64Array;
}

const beta1 = 0.9;
const beta2 = 0.999;
const epsilon = 1e-8;

export function fitSoftmaxWeights(options: FitSoftmaxWeightsOptions): FittedSoftmaxWeights {
  const { inputs, inputCount, labels, exampleWeights, tierCount, epochs, learningRate, l2, batchSize, random } = options;
  const parameterCount = tierCount * inputCount;
  const weights = new Float64Array(parameterCount);
  const bias = new Float64Array(tierCount);
  const weightGradient = new Float64Array(parameterCount);
  const biasGradient = new Float64Array(tierCount);
  const weightMoment = new Float64Array(parameterCount);
  const weightVelocity = new Float64Array(parameterCount);
  const biasMoment = new Float64Array(tierCount);
  const biasVelocity = new Float64Array(tierCount);
  const logits = new Float64Array(tierCount);
  const probabilities = new Float64Array(tierCount);
  const order = [...options.indices];
  let step = 0;

  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    // Linear decay to a tenth of the rate: large steps early, a settled optimum at the end.
    const epochRate = learningRate * (1 - (0.9 * epoch) / Math.max(1, epochs));
    for (let start = 0; start < order.length; start += batchSize) {
      weightGradient.fill(0);
      biasGradient.fill(0);
      const end = Math.min(order.length, start + batchSize);
      let batchWeight = 0;
      for (let position = start; position < end; position++) {
        const example = order[position] as number;
        const weight = exampleWeights[example] as number;
        if (weight === 0) continue;
        batchWeight += weight;
        const offset = example * inputCount;
        for (let tier = 0; tier < tierCount; tier++) {
          let sum = bias[tier] as number;
          const row = tier * inputCount;
          for (let index = 0; index < inputCount; index++) sum += (weights[row + index] as number) * (inputs[offset + index] as number);
          logits[tier] = sum;
        }
        softmax(logits, probabilities);
        const label = labels[example] as number;
        for (let tier = 0; tier < tierCount; tier++) {
          const error = ((probabilities[tier] as number) - (tier === label ? 1 : 0)) * weight;
          biasGradient[tier] = (biasGradient[tier] as number) + error;
          const row = tier * inputCount;
          for (let index = 0; index < inputCount; index++) {
            weightGradient[row + index] = (weightGradient[row + index] as number) + error * (inputs[offset + index] as number);
          }
        }
      }
      if (batchWeight === 0) continue;
      step++;
      const correction1 = 1 - beta1 ** step;
      const correction2 = 1 - beta2 ** step;
      for (let index = 0; index < parameterCount; index++) {
        const gradient = (weightGradient[index] as number) / batchWeight + l2 * (weights[index] as number);
        const moment = beta1 * (weightMoment[index] as number) + (1 - beta1) * gradient;
        const velocity = beta2 * (weightVelocity[index] as number) + (1 - beta2) * gradient * gradient;
        weightMoment[index] = moment;
        weightVelocity[index] = velocity;
        weights[index] = (weights[index] as number) - (epochRate * (moment / correction1)) / (Math.sqrt(velocity / correction2) + epsilon);
      }
      for (let tier = 0; tier < tierCount; tier++) {
        const gradient = (biasGradient[tier] as number) / batchWeight;
        const moment = beta1 * (biasMoment[tier] as number) + (1 - beta1) * gradient;
        const velocity = beta2 * (biasVelocity[tier] as number) + (1 - beta2) * gradient * gradient;
        biasMoment[tier] = moment;
        biasVelocity[tier] = velocity;
        bias[tier] = (bias[tier] as number) - (epochRate * (moment / correction1)) / (Math.sqrt(velocity / correction2) + epsilon);
      }
    }
  }
  return { weights, bias };
}
