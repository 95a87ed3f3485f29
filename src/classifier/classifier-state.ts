// The classifier's trained state as plain JSON: what the training command writes, what `save()` stores
// in a file or in Redis, and what `load()` accepts back. It is versioned and self-describing, so a state
// trained for another embedding model, another feature set or another format is refused with a message
// that says why, instead of silently producing nonsense scores.

import { z } from 'zod';
import { HotpathError } from '../util/index.js';
import { textFeatureNames } from './text-features.js';

export const classifierStateFormat = 'hotpath-classifier-state';
export const classifierStateVersion = 1;

const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');

const trainingSummarySchema = z.strictObject({
  seed: z.number().int(),
  examples: z.number().int().nonnegative(),
  examplesPerTier: z.record(z.string(), z.number().int().nonnegative()),
  epochs: z.number().int().nonnegative(),
  learningRate: z.number().positive(),
  l2: z.number().nonnegative(),
  batchSize: z.number().int().positive(),
  calibrationExamples: z.number().int().nonnegative(),
  /** Accuracy on examples held out of training by the training command, when it measured it. */
  heldOutAccuracy: z.number().min(0).max(1).optional(),
  /** Online steps applied after training (`learn()`). */
  onlineUpdates: z.number().int().nonnegative(),
});

const classifierStateSchema = z.strictObject({
  format: z.literal(classifierStateFormat),
  version: z.literal(classifierStateVersion),
  embeddingModelId: z.string().min(1),
  dimensions: z.number().int().positive(),
  tiers: z.array(z.string().min(1)).min(2),
  textFeatures: z.array(z.string()),
  /** Standardisation of every input (embedding dimensions, then text features): (x - mean) / scale. */
  mean: z.array(finiteNumber),
  scale: z.array(finiteNumber.refine((value) => value > 0, 'must be positive')),
  /** One row of input weights per tier (softmax regression over standardised inputs). */
  weights: z.array(z.array(finiteNumber)),
  bias: z.array(finiteNumber),
  /** Post-hoc calibration fitted on held-out examples: softmax(logits / temperature + bias). */
  calibration: z.strictObject({
    temperature: finiteNumber.refine((value) => value > 0, 'must be positive'),
    bias: z.array(finiteNumber),
  }),
  training: trainingSummarySchema,
});

export type ClassifierState = z.infer<typeof classifierStateSchema>;
export type ClassifierTrainingSummary = z.infer<typeof trainingSummarySchema>;

/** What the caller needs the state to be compatible with. */
export interface ClassifierStateExpectations {
  dimensions?: number;
  embeddingModelId?: string;
  tiers?: readonly string[];
}

function incompatible(message: string, reason: string, cause?: unknown): HotpathError {
  return new HotpathError('HOTPATH_INVALID_CONFIG', message, { cause, details: { reason } });
}

/** Validates a state (JSON text or an already parsed value) and returns it typed, or throws a HotpathError. */
export function parseClassifierState(input: unknown, expectations: ClassifierStateExpectations = {}): ClassifierState {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw incompatible(`Classifier state is not valid JSON (corrupt or truncated): ${(error as Error).message}`, 'corrupt', error);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw incompatible('Classifier state must be a JSON object', 'corrupt');
  }
  const record = value as Record<string, unknown>;
  if (record.format !== classifierStateFormat) {
    throw incompatible(
      `Not a hotpath classifier state: its "format" is ${JSON.stringify(record.format)}, expected "${classifierStateFormat}"`,
      'format',
    );
  }
  if (record.version !== classifierStateVersion) {
    throw incompatible(
      `Classifier state version ${JSON.stringify(record.version)} is not supported (this hotpath reads version ${classifierStateVersion}); ` +
        'retrain it with `hotpath train-classifier`',
      'version',
    );
  }
  const parsed = classifierStateSchema.safeParse(value);
  if (!parsed.success) throw incompatible(`Classifier state is invalid:\n${z.prettifyError(parsed.error)}`, 'shape', parsed.error);
  checkShape(parsed.data);
  checkExpectations(parsed.data, expectations);
  return parsed.data;
}

function checkShape(state: ClassifierState): void {
  if (state.textFeatures.join(',') !== textFeatureNames.join(',')) {
    throw incompatible(
      `Classifier state was trained on text features [${state.textFeatures.join(', ')}] but this hotpath computes ` +
        `[${textFeatureNames.join(', ')}]; retrain it with \`hotpath train-classifier\``,
      'features',
    );
  }
  const inputs = state.dimensions + state.textFeatures.length;
  const problems: string[] = [];
  if (state.mean.length !== inputs) problems.push(`mean has ${state.mean.length} values, expected ${inputs}`);
  if (state.scale.length !== inputs) problems.push(`scale has ${state.scale.length} values, expected ${inputs}`);
  if (state.weights.length !== state.tiers.length) problems.push(`weights has ${state.weights.length} rows, expected one per tier (${state.tiers.length})`);
  state.weights.forEach((row, index) => {
    if (row.length !== inputs) problems.push(`weights[${index}] has ${row.length} values, expected ${inputs}`);
  });
  if (state.bias.length !== state.tiers.length) problems.push(`bias has ${state.bias.length} values, expected ${state.tiers.length}`);
  if (state.calibration.bias.length !== state.tiers.length) {
    problems.push(`calibration.bias has ${state.calibration.bias.length} values, expected ${state.tiers.length}`);
  }
  if (new Set(state.tiers).size !== state.tiers.length) problems.push(`tiers repeat a name: ${state.tiers.join(', ')}`);
  if (problems.length > 0) throw incompatible(`Classifier state is inconsistent: ${problems.join('; ')}`, 'shape');
}

function checkExpectations(state: ClassifierState, expectations: ClassifierStateExpectations): void {
  if (expectations.dimensions !== undefined && expectations.dimensions !== state.dimensions) {
    throw incompatible(
      `Classifier state expects ${state.dimensions}-d embeddings but the embedding model gives ${expectations.dimensions}-d`,
      'dimensions',
    );
  }
  if (expectations.embeddingModelId !== undefined && expectations.embeddingModelId !== state.embeddingModelId) {
    throw incompatible(
      `Classifier state was trained on embeddings of "${state.embeddingModelId}", not "${expectations.embeddingModelId}"; ` +
        'retrain it with `hotpath train-classifier`',
      'embedding-model',
    );
  }
  if (expectations.tiers !== undefined && expectations.tiers.join('\u0000') !== state.tiers.join('\u0000')) {
    throw incompatible(
      `Classifier state has tiers [${state.tiers.join(', ')}] but [${expectations.tiers.join(', ')}] were configured`,
      'tiers',
    );
  }
}

/** Stable JSON for a state: numbers rounded to 7 significant digits, so files diff well and stay small. */
export function serializeClassifierState(state: ClassifierState): string {
  return `${JSON.stringify(state, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(7)) : value))}\n`;
}
