// Post-hoc calibration: a temperature and a per-tier offset fitted on logits of examples the weights
// did not see, minimising their log loss (Platt scaling when there are two tiers). Regularised gently
// towards "no change" so a small calibration set cannot produce an extreme correction.

import { softmax } from './softmax-model.js';

export interface FitCalibrationOptions {
  /** Row-major logits: logits[example * tierCount + tier]. */
  logits: Float64Array;
  labels: Int32Array;
  tierCount: number;
  steps?: number;
}

export interface FittedCalibration {
  temperature: number;
  bias: number[];
  /** Mean log loss before and after calibration. */
  logLossBefore: number;
  logLossAfter: number;
}

const regularisation = 1e-3;

export function fitCalibration(options: FitCalibrationOptions): FittedCalibration {
  const { logits, labels, tierCount, steps = 400 } = options;
  const count = labels.length;
  if (count === 0) return { temperature: 1, bias: new Array<number>(tierCount).fill(0), logLossBefore: 0, logLossAfter: 0 };
  // Parameters: log(1 / temperature) and offsets for tiers 1..n-1 (tier 0 is the reference).
  const parameters = new Float64Array(tierCount);
  const moment = new Float64Array(tierCount);
  const velocity = new Float64Array(tierCount);
  const gradient = new Float64Array(tierCount);
  const probabilities = new Float64Array(tierCount);
  const offsets = new Float64Array(tierCount);
  const logLossBefore = meanLogLoss({ logits, labels, tierCount, temperature: 1, bias: offsets, probabilities });

  for (let step = 1; step <= steps; step++) {
    gradient.fill(0);
    const inverseTemperature = Math.exp(parameters[0] as number);
    for (let tier = 1; tier < tierCount; tier++) offsets[tier] = parameters[tier] as number;
    for (let example = 0; example < count; example++) {
      const row = logits.subarray(example * tierCount, (example + 1) * tierCount);
      softmax(row, probabilities, 1 / inverseTemperature, offsets);
      const label = labels[example] as number;
      for (let tier = 0; tier < tierCount; tier++) {
        const error = (probabilities[tier] as number) - (tier === label ? 1 : 0);
        gradient[0] = (gradient[0] as number) + error * (row[tier] as number) * inverseTemperature;
        if (tier > 0) gradient[tier] = (gradient[tier] as number) + error;
      }
    }
    for (let index = 0; index < tierCount; index++) {
      const value = (gradient[index] as number) / count + regularisation * (parameters[index] as number);
      moment[index] = 0.9 * (moment[index] as number) + 0.1 * value;
      velocity[index] = 0.999 * (velocity[index] as number) + 0.001 * value * value;
      const step1 = (moment[index] as number) / (1 - 0.9 ** step);
      const step2 = (velocity[index] as number) / (1 - 0.999 ** step);
      parameters[index] = (parameters[index] as number) - (0.05 * step1) / (Math.sqrt(step2) + 1e-8);
    }
  }
  const temperature = 1 / Math.exp(parameters[0] as number);
  for (let tier = 1; tier < tierCount; tier++) offsets[tier] = parameters[tier] as number;
  const logLossAfter = meanLogLoss({ logits, labels, tierCount, temperature, bias: offsets, probabilities });
  // Never make things worse than leaving the logits alone.
  if (logLossAfter > logLossBefore) return { temperature: 1, bias: new Array<number>(tierCount).fill(0), logLossBefore, logLossAfter: logLossBefore };
  return { temperature, bias: Array.from(offsets), logLossBefore, logLossAfter };
}

function meanLogLoss(options: {
  logits: Float64Array;
  labels: Int32Array;
  tierCount: number;
  temperature: number;
  bias: Float64Array;
  probabilities: Float64Array;
}): number {
  const { logits, labels, tierCount, temperature, bias, probabilities } = options;
  let total = 0;
  for (let example = 0; example < labels.length; example++) {
    softmax(logits.subarray(example * tierCount, (example + 1) * tierCount), probabilities, temperature, bias);
    total -= Math.log(Math.max(probabilities[labels[example] as number] as number, 1e-12));
  }
  return total / labels.length;
}
