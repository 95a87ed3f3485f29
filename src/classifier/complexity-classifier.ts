// Decides which model tier a request needs, from its embedding and cheap text features, in a few
// microseconds. It keeps learning from outcomes (a request the fast model failed on is taught as the
// next tier up) with a bounded step, and persists what it learned through a state store.

import { HotpathError } from '../util/index.js';
import type { Classification, ClassifyInput, LearnInput, LearnResult, OutcomeInput } from './classifier-types.js';
import type { ClassifierState } from './classifier-state.js';
import { parseClassifierState, serializeClassifierState } from './classifier-state.js';
import type { ClassifierStateStore } from './classifier-state-store.js';
import { loadDefaultClassifierState } from './default-classifier-state.js';
import type { SoftmaxModel } from './softmax-model.js';
import {
  calibratedProbabilities,
  computeLogits,
  createSoftmaxModel,
  expectedTierScore,
  softmax,
  standardizeInput,
  writeRawInput,
} from './softmax-model.js';
import type { TextFeatures } from './text-features.js';
import { extractTextFeatures } from './text-features.js';

export interface OnlineLearningOptions {
  /** Upper bound of the SGD step size (default 0.05). */
  learningRate?: number;
  /**
   * Largest change one outcome can make to the logits of its own input (default 0.25): the step is
   * scaled down for inputs with a large norm, so a single example can nudge the model but never flip it.
   */
  maxLogitStep?: number;
  /** Largest weight one outcome may carry (default 4). */
  maxWeight?: number;
  /** Weight of a success on the first tier in `learnFromOutcome` (default 0.5; failures weigh 1). */
  successWeight?: number;
}

export interface ComplexityClassifierOptions {
  /** Trained state (object or JSON text); default: the state shipped with hotpath. */
  state?: ClassifierState | string;
  /** Expected tiers, cheapest first; the state must have exactly these. */
  tiers?: readonly string[];
  /** Expected embedding size; the state must match. */
  dimensions?: number;
  /** Expected embedding model; the state must have been trained on it. */
  embeddingModelId?: string;
  /**
   * Ascending cut points on `score`, one fewer than tiers: the tier is the number of cut points the score
   * reaches. Without them the most probable tier wins. Use them to trade speed for quality
   * (e.g. [0.35] sends more traffic to the second tier than [0.5]).
   */
  thresholds?: readonly number[];
  /** Online learning settings, or false to freeze the model (`learn()` then changes nothing). */
  onlineLearning?: OnlineLearningOptions | false;
  /** Where `save()` and `load()` keep the state. */
  store?: ClassifierStateStore;
}

export interface ComplexityClassifier {
  readonly tiers: readonly string[];
  readonly dimensions: number;
  readonly embeddingModelId: string;
  /** Online steps applied since the state was trained. */
  readonly onlineUpdates: number;
  classify(input: ClassifyInput): Classification;
  learn(input: LearnInput): LearnResult;
  /**
   * Learns from what happened when a tier answered: a failure teaches the next tier up; a success on the
   * first tier reinforces it. Other outcomes say nothing about a cheaper tier (a powerful model's success
   * does not show the fast one would have failed), so they return undefined and change nothing.
   */
  learnFromOutcome(input: OutcomeInput): LearnResult | undefined;
  /** The current state, including what online learning changed. */
  toState(): ClassifierState;
  /** Writes the current state to the store. */
  save(): Promise<void>;
  /** Replaces the model with the stored state; false when the store holds none yet. */
  load(): Promise<boolean>;
}

interface ResolvedOnlineLearning {
  enabled: boolean;
  learningRate: number;
  maxLogitStep: number;
  maxWeight: number;
  successWeight: number;
}

function invalid(option: string, message: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_CONFIG', `createComplexityClassifier: ${option} ${message}`, { details: { option } });
}

function resolveOnlineLearning(options: OnlineLearningOptions | false | undefined): ResolvedOnlineLearning {
  if (options === false) return { enabled: false, learningRate: 0, maxLogitStep: 0, maxWeight: 0, successWeight: 0 };
  const resolved = {
    enabled: true,
    learningRate: options?.learningRate ?? 0.05,
    maxLogitStep: options?.maxLogitStep ?? 0.25,
    maxWeight: options?.maxWeight ?? 4,
    successWeight: options?.successWeight ?? 0.5,
  };
  for (const name of ['learningRate', 'maxLogitStep', 'maxWeight'] as const) {
    if (!(resolved[name] > 0) || !Number.isFinite(resolved[name])) throw invalid(`onlineLearning.${name}`, `must be a positive number (got ${resolved[name]})`);
  }
  if (!(resolved.successWeight >= 0) || !Number.isFinite(resolved.successWeight)) {
    throw invalid('onlineLearning.successWeight', `must be a number ≥ 0 (got ${resolved.successWeight})`);
  }
  return resolved;
}

function resolveThresholds(thresholds: readonly number[] | undefined, tierCount: number): Float64Array | undefined {
  if (thresholds === undefined) return undefined;
  const valid =
    thresholds.length === tierCount - 1 &&
    thresholds.every((value, index) => value > 0 && value < 1 && (index === 0 || value > (thresholds[index - 1] as number)));
  if (!valid) throw invalid('thresholds', `must be ${tierCount - 1} ascending numbers strictly between 0 and 1 (got ${JSON.stringify(thresholds)})`);
  return Float64Array.from(thresholds);
}

export function createComplexityClassifier(options: ComplexityClassifierOptions = {}): ComplexityClassifier {
  const expectations = { tiers: options.tiers, dimensions: options.dimensions, embeddingModelId: options.embeddingModelId };
  const initial = options.state === undefined ? loadDefaultClassifierState() : options.state;
  let state = parseClassifierState(initial, expectations);
  let model = createSoftmaxModel(state);
  let onlineUpdates = state.training.onlineUpdates;
  const tiers = Object.freeze([...state.tiers]);
  const thresholds = resolveThresholds(options.thresholds, tiers.length);
  const online = resolveOnlineLearning(options.onlineLearning);
  const store = options.store;

  // Scratch buffers reused by every call: classify() is synchronous, so they are never shared mid-call.
  const input = new Float64Array(model.inputCount);
  const logits = new Float64Array(model.tierCount);
  const probabilities = new Float64Array(model.tierCount);
  const rawProbabilities = new Float64Array(model.tierCount);

  let squaredNorm = 0;
  // Fills input, logits and probabilities for a request; returns its text features.
  const prepare = (request: ClassifyInput, what: string): TextFeatures => {
    if (!(request.embedding instanceof Float32Array) || request.embedding.length !== model.dimensions) {
      throw new HotpathError(
        'HOTPATH_INVALID_ARGUMENT',
        `${what}: embedding must be a Float32Array of ${model.dimensions} values (got ${request.embedding?.length ?? 'none'})`,
        { details: { option: 'embedding' } },
      );
    }
    const features = extractTextFeatures(request.text);
    writeRawInput(request.embedding, features, input);
    squaredNorm = standardizeInput(model, input, input);
    computeLogits(model, input, logits);
    calibratedProbabilities(model, logits, probabilities);
    return features;
  };

  const pickTier = (score: number): number => {
    if (thresholds === undefined) {
      let best = 0;
      for (let tier = 1; tier < probabilities.length; tier++) if ((probabilities[tier] as number) > (probabilities[best] as number)) best = tier;
      return best;
    }
    let tier = 0;
    while (tier < thresholds.length && score >= (thresholds[tier] as number)) tier++;
    return tier;
  };

  const tierIndexOf = (tier: string, what: string): number => {
    const index = tiers.indexOf(tier);
    if (index === -1) {
      throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `${what}: tier "${tier}" is not one of ${tiers.join(', ')}`, { details: { option: what } });
    }
    return index;
  };

  // One SGD step on the cross-entropy of the prepared input. The step is normalised by the input's norm,
  // so the input's own logits move by at most maxLogitStep × weight, however large the input is. There is
  // no weight decay here: over millions of outcomes it would erode the trained model towards zero.
  const applyStep = (target: number, weight: number, current: SoftmaxModel): void => {
    softmax(logits, rawProbabilities);
    const rate = Math.min(online.learningRate, online.maxLogitStep / (squaredNorm + 1)) * weight;
    const { inputCount, weights, bias } = current;
    for (let tier = 0; tier < current.tierCount; tier++) {
      const error = ((rawProbabilities[tier] as number) - (tier === target ? 1 : 0)) * rate;
      const row = tier * inputCount;
      for (let index = 0; index < inputCount; index++) {
        weights[row + index] = (weights[row + index] as number) - error * (input[index] as number);
      }
      bias[tier] = (bias[tier] as number) - error;
    }
  };

  const learn = (request: LearnInput): LearnResult => {
    const target = tierIndexOf(request.tier, 'learn');
    const weight = Math.min(request.weight ?? 1, online.enabled ? online.maxWeight : 0);
    if (!(weight >= 0) || !Number.isFinite(weight)) {
      throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `learn: weight must be a finite number ≥ 0 (got ${request.weight})`, { details: { option: 'weight' } });
    }
    prepare(request, 'learn');
    const probabilityBefore = probabilities[target] as number;
    if (!online.enabled || weight === 0) return { probabilityBefore, probabilityAfter: probabilityBefore, onlineUpdates };
    applyStep(target, weight, model);
    onlineUpdates++;
    computeLogits(model, input, logits);
    calibratedProbabilities(model, logits, probabilities);
    return { probabilityBefore, probabilityAfter: probabilities[target] as number, onlineUpdates };
  };

  const toState = (): ClassifierState => {
    const { inputCount } = model;
    return {
      ...state,
      weights: tiers.map((_, tier) => Array.from(model.weights.subarray(tier * inputCount, (tier + 1) * inputCount))),
      bias: Array.from(model.bias),
      training: { ...state.training, onlineUpdates },
    };
  };

  return {
    tiers,
    dimensions: state.dimensions,
    embeddingModelId: state.embeddingModelId,
    get onlineUpdates() {
      return onlineUpdates;
    },

    classify(request) {
      const features = prepare(request, 'classify');
      const score = expectedTierScore(probabilities);
      const chosen = pickTier(score);
      const byTier: Record<string, number> = {};
      for (let tier = 0; tier < tiers.length; tier++) byTier[tiers[tier] as string] = probabilities[tier] as number;
      return { tier: tiers[chosen] as string, probabilities: byTier, score, features };
    },

    learn,

    learnFromOutcome(outcome) {
      const served = tierIndexOf(outcome.servedBy, 'learnFromOutcome: servedBy');
      if (!outcome.succeeded && served < tiers.length - 1) return learn({ ...outcome, tier: tiers[served + 1] as string, weight: 1 });
      if (outcome.succeeded && served === 0) return learn({ ...outcome, tier: tiers[0] as string, weight: online.successWeight });
      return undefined;
    },

    toState,

    async save() {
      if (store === undefined) throw invalid('store', 'is not configured, so there is nowhere to save the state');
      await store.write(serializeClassifierState(toState()));
    },

    async load() {
      if (store === undefined) throw invalid('store', 'is not configured, so there is nothing to load');
      const text = await store.read();
      if (text === undefined) return false;
      let loaded: ClassifierState;
      try {
        loaded = parseClassifierState(text, { tiers, dimensions: state.dimensions, embeddingModelId: state.embeddingModelId });
      } catch (error) {
        if (HotpathError.isInstance(error)) {
          throw new HotpathError(error.code, `Cannot load the classifier state from ${store.location}: ${error.message}`, { cause: error, details: error.details });
        }
        throw error;
      }
      state = loaded;
      model = createSoftmaxModel(loaded);
      onlineUpdates = loaded.training.onlineUpdates;
      return true;
    },
  };
}
