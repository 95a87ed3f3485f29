// createRouter's options, validated once at construction (errors name the offending option) and
// resolved into the frozen settings every request reads. Nothing option-dependent is worked out per call.

import { z } from 'zod';
import type { ComplexityClassifier } from '../classifier/index.js';
import type { LanguageModel } from '../spec/index.js';
import { HotpathError } from '../util/index.js';
import { DeploymentEstimates, type DeploymentPrior } from './deployment-estimates.js';

/** One place a tier's model is served: a provider (or a replica of it) and what its tokens cost. */
export interface RouterDeploymentOptions {
  /** Id in stats and spans; default "<provider>/<modelId>". Must be unique. */
  name?: string;
  /** Provider name; default the model's `provider`. */
  provider?: string;
  model: LanguageModel;
  /** Price per 1,000 input / output tokens (any currency), for the cost the router reports. Default 0. */
  costPer1kInputTokens?: number;
  costPer1kOutputTokens?: number;
  /** Share of the tier's traffic (default 1); 0 makes it a standby used only for hedges and failover. */
  weight?: number;
  /** What to assume about its speed until its own calls measured it (default: nothing, so it is assumed to fit any budget). */
  expected?: DeploymentPrior;
}

export interface RouterTierOptions {
  name: string;
  deployments: RouterDeploymentOptions[];
}

/** The classifier's part the router uses; a `ComplexityClassifier` fits. */
export type RouterClassifier = Pick<ComplexityClassifier, 'tiers' | 'classify' | 'learnFromOutcome'> & {
  readonly dimensions?: number;
  save?(): Promise<void>;
};

export type FailoverOrder = 'next-tier' | 'same-tier' | 'any-tier';

export interface RouterOptions {
  /** Tiers from the fastest/cheapest to the most capable (e.g. fast, powerful). */
  tiers: RouterTierOptions[];
  /** Picks the starting tier from the request embedding and text features; without it a text heuristic does. */
  classifier?: RouterClassifier;
  /** Classifier tier → router tier (e.g. { simple: 'fast', complex: 'powerful' }); default by name, else by position. */
  classifierTiers?: Record<string, string>;
  /** How long a request waits for its shared embedding before routing on text features alone. Default 250 ms. */
  embeddingTimeoutMs?: number;
  /** Send a second copy of a call that has no first token by the deployment's TTFT quantile. On by default. */
  hedging?: false | {
    enabled?: boolean;
    /** TTFT quantile a call waits for before it is hedged (default 0.95). */
    quantile?: number;
    /** Hedges per routed call at most (default 0.05). */
    maxRate?: number;
    /** Hedges allowed at once before calls refilled the budget (default 2). */
    burst?: number;
    /** Measured first tokens a deployment needs before its quantile is trusted (default 20). */
    minSamples?: number;
  };
  /** Quality gate on every tier but the last, and redo of a failed step on the next tier. On by default. */
  escalation?: false | {
    enabled?: boolean;
    /** Answer tokens held back until the refusal check ran (default 10). */
    holdBackTokens?: number;
    /** Check for refusals and low-confidence answers (default true). */
    refusal?: boolean;
    /** Check tool calls: declared, valid JSON, matching the tool's JSON Schema (default true). */
    toolCalls?: boolean;
    /** Check that an answer after tool calls uses their results (default true). */
    grounding?: boolean;
    /** Extra refusal / low-confidence patterns, checked on the held-back text. */
    refusalPatterns?: RegExp[];
    /**
     * Quality failures in one run after which its remaining steps stay on the tier that succeeded
     * (default 2: a single failure only redoes that step, later steps go back to the run's tier).
     */
    stickyAfter?: number;
  };
  failover?: {
    /** Where a failed call goes: 'next-tier' (same tier, then more capable tiers; default), 'same-tier', 'any-tier' (then cheaper tiers too). */
    order?: FailoverOrder;
    /** Time a call may take to its first token before it is abandoned for the next deployment. Default: only the request's deadline. */
    attemptTimeoutMs?: number;
  };
  deadline?: {
    /** Budget kept free when deciding whether a call fits (default 0 ms). */
    safetyMarginMs?: number;
    /** Output tokens a call is assumed to write until calls measured it (default 200). */
    expectedOutputTokens?: number;
  };
  /** Online learning from escalations; `saveEvery` writes the classifier state after that many lessons (0 = only on `saveClassifier()`). */
  learning?: false | { saveEvery?: number };
  /** Random source for weighted deployment choice (tests make it deterministic). */
  random?: () => number;
}

export interface ResolvedDeployment {
  readonly id: string;
  readonly provider: string;
  readonly model: LanguageModel;
  readonly tierIndex: number;
  readonly tierName: string;
  readonly weight: number;
  readonly costPer1kInputTokens: number;
  readonly costPer1kOutputTokens: number;
  readonly estimates: DeploymentEstimates;
}

export interface ResolvedTier {
  readonly name: string;
  readonly index: number;
  readonly deployments: readonly ResolvedDeployment[];
}

export interface ResolvedRouterSettings {
  readonly tiers: readonly ResolvedTier[];
  readonly classifier: RouterClassifier | undefined;
  /** Router tier index for each classifier tier index. */
  readonly routerTierOfClassifierTier: readonly number[];
  /** Classifier tier name for each router tier index (undefined when none maps to it). */
  readonly classifierTierOfRouterTier: readonly (string | undefined)[];
  readonly embeddingTimeoutMs: number;
  readonly hedging: { enabled: boolean; quantile: number; maxRate: number; burst: number; minSamples: number };
  readonly escalation: {
    enabled: boolean;
    holdBackTokens: number;
    refusal: boolean;
    toolCalls: boolean;
    grounding: boolean;
    refusalPatterns: readonly RegExp[];
    stickyAfter: number;
  };
  readonly failover: { order: FailoverOrder; attemptTimeoutMs: number | undefined };
  readonly deadline: { safetyMarginMs: number; expectedOutputTokens: number };
  readonly learning: { enabled: boolean; saveEvery: number };
  readonly random: () => number;
}

const isFunction = (value: unknown): boolean => typeof value === 'function';
const isLanguageModel = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && isFunction((value as LanguageModel).stream) && typeof (value as LanguageModel).modelId === 'string';
const isClassifier = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && Array.isArray((value as RouterClassifier).tiers) &&
  isFunction((value as RouterClassifier).classify) && isFunction((value as RouterClassifier).learnFromOutcome);

const positive = z.number().positive().finite();
const deploymentSchema = z.strictObject({
  name: z.string().min(1).optional(),
  provider: z.string().min(1).optional(),
  model: z.custom<LanguageModel>(isLanguageModel, 'must be a LanguageModel (an object with stream() and a string modelId)'),
  costPer1kInputTokens: z.number().nonnegative().finite().default(0),
  costPer1kOutputTokens: z.number().nonnegative().finite().default(0),
  weight: z.number().nonnegative().finite().default(1),
  expected: z.strictObject({ ttftMs: positive.optional(), tokensPerSecond: positive.optional() }).optional(),
});

const optionsSchema = z.strictObject({
  tiers: z.array(z.strictObject({ name: z.string().regex(/^[\w.-]+$/, 'must be letters, digits, _ . or -'), deployments: z.array(deploymentSchema).min(1) })).min(1),
  classifier: z.custom<RouterClassifier>(isClassifier, 'must be a classifier (tiers, classify(), learnFromOutcome())').optional(),
  classifierTiers: z.record(z.string(), z.string()).optional(),
  embeddingTimeoutMs: z.number().nonnegative().finite().default(250),
  hedging: z
    .union([
      z.literal(false),
      z.strictObject({
        enabled: z.boolean().default(true),
        quantile: z.number().gt(0.5).lt(1).default(0.95),
        maxRate: z.number().min(0).max(1).default(0.05),
        burst: z.number().min(1).finite().default(2),
        minSamples: z.number().int().min(1).default(20),
      }),
    ])
    .default({ enabled: true, quantile: 0.95, maxRate: 0.05, burst: 2, minSamples: 20 }),
  escalation: z
    .union([
      z.literal(false),
      z.strictObject({
        enabled: z.boolean().default(true),
        holdBackTokens: z.number().int().min(0).default(10),
        refusal: z.boolean().default(true),
        toolCalls: z.boolean().default(true),
        grounding: z.boolean().default(true),
        refusalPatterns: z.array(z.instanceof(RegExp)).default([]),
        stickyAfter: z.number().int().min(1).default(2),
      }),
    ])
    .default({ enabled: true, holdBackTokens: 10, refusal: true, toolCalls: true, grounding: true, refusalPatterns: [], stickyAfter: 2 }),
  failover: z
    .strictObject({ order: z.enum(['next-tier', 'same-tier', 'any-tier']).default('next-tier'), attemptTimeoutMs: positive.optional() })
    .default({ order: 'next-tier' }),
  deadline: z
    .strictObject({ safetyMarginMs: z.number().nonnegative().finite().default(0), expectedOutputTokens: positive.default(200) })
    .default({ safetyMarginMs: 0, expectedOutputTokens: 200 }),
  learning: z.union([z.literal(false), z.strictObject({ saveEvery: z.number().int().min(0).default(0) })]).default({ saveEvery: 0 }),
  random: z.custom<() => number>(isFunction, 'must be a function returning a number in [0, 1)').optional(),
});

function invalid(option: string, problem: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_CONFIG', `createRouter: option "${option}" ${problem}`, { details: { option } });
}

export function resolveRouterOptions(options: RouterOptions): ResolvedRouterSettings {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object');
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const option = first === undefined ? 'options' : first.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').replace(/^\./, '');
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `createRouter: invalid option "${option}"\n${z.prettifyError(parsed.error)}`, {
      details: { option, options: parsed.error.issues.map((issue) => issue.path.join('.')) },
    });
  }
  const value = parsed.data;
  const tiers = resolveTiers(value.tiers);
  const tierNames = tiers.map((tier) => tier.name);
  const mapping = resolveClassifierTiers(value.classifier, value.classifierTiers, tierNames);
  const hedging = value.hedging === false ? { enabled: false, quantile: 0.95, maxRate: 0, burst: 1, minSamples: 20 } : value.hedging;
  const escalation =
    value.escalation === false
      ? { enabled: false, holdBackTokens: 0, refusal: false, toolCalls: false, grounding: false, refusalPatterns: [], stickyAfter: 1 }
      : value.escalation;
  return Object.freeze({
    tiers,
    classifier: value.classifier,
    routerTierOfClassifierTier: mapping.routerTierOfClassifierTier,
    classifierTierOfRouterTier: mapping.classifierTierOfRouterTier,
    embeddingTimeoutMs: value.embeddingTimeoutMs,
    hedging: Object.freeze({ ...hedging }),
    escalation: Object.freeze({ ...escalation, refusalPatterns: Object.freeze([...escalation.refusalPatterns]) }),
    failover: Object.freeze({ order: value.failover.order, attemptTimeoutMs: value.failover.attemptTimeoutMs }),
    deadline: Object.freeze({ ...value.deadline }),
    learning: Object.freeze(value.learning === false ? { enabled: false, saveEvery: 0 } : { enabled: value.classifier !== undefined, saveEvery: value.learning.saveEvery }),
    random: value.random ?? Math.random,
  });
}

type ParsedTier = z.output<typeof optionsSchema>['tiers'][number];

function resolveTiers(parsed: ParsedTier[]): ResolvedTier[] {
  const tierNames = new Set<string>();
  const deploymentIds = new Set<string>();
  return parsed.map((tier, tierIndex) => {
    if (tierNames.has(tier.name)) throw invalid(`tiers[${tierIndex}].name`, `repeats the tier name "${tier.name}"`);
    tierNames.add(tier.name);
    const deployments = tier.deployments.map((deployment, index): ResolvedDeployment => {
      const provider = deployment.provider ?? deployment.model.provider;
      const id = deployment.name ?? `${provider}/${deployment.model.modelId}`;
      if (deploymentIds.has(id)) {
        throw invalid(`tiers[${tierIndex}].deployments[${index}].name`, `repeats the deployment "${id}": give each deployment a distinct name`);
      }
      deploymentIds.add(id);
      return Object.freeze({
        id,
        provider,
        model: deployment.model,
        tierIndex,
        tierName: tier.name,
        weight: deployment.weight,
        costPer1kInputTokens: deployment.costPer1kInputTokens,
        costPer1kOutputTokens: deployment.costPer1kOutputTokens,
        estimates: new DeploymentEstimates(deployment.expected ?? {}),
      });
    });
    return Object.freeze({ name: tier.name, index: tierIndex, deployments: Object.freeze(deployments) });
  });
}

function resolveClassifierTiers(
  classifier: RouterClassifier | undefined,
  given: Record<string, string> | undefined,
  tierNames: readonly string[],
): { routerTierOfClassifierTier: number[]; classifierTierOfRouterTier: (string | undefined)[] } {
  const classifierTierOfRouterTier: (string | undefined)[] = tierNames.map(() => undefined);
  if (classifier === undefined) {
    if (given !== undefined) throw invalid('classifierTiers', 'is given without a classifier');
    return { routerTierOfClassifierTier: [], classifierTierOfRouterTier };
  }
  const classifierTiers = classifier.tiers;
  let mapping: Record<string, string>;
  if (given !== undefined) mapping = given;
  else if (classifierTiers.every((tier) => tierNames.includes(tier))) mapping = Object.fromEntries(classifierTiers.map((tier) => [tier, tier]));
  else if (classifierTiers.length === tierNames.length) mapping = Object.fromEntries(classifierTiers.map((tier, index) => [tier, tierNames[index]!]));
  else {
    throw invalid('classifierTiers', `is needed: the classifier's tiers (${classifierTiers.join(', ')}) do not match the router's (${tierNames.join(', ')})`);
  }
  const routerTierOfClassifierTier = classifierTiers.map((tier) => {
    const target = mapping[tier];
    if (target === undefined) throw invalid('classifierTiers', `maps no router tier for the classifier tier "${tier}"`);
    const index = tierNames.indexOf(target);
    if (index === -1) throw invalid(`classifierTiers.${tier}`, `names "${target}", which is not a router tier (${tierNames.join(', ')})`);
    classifierTierOfRouterTier[index] ??= tier;
    return index;
  });
  for (const key of Object.keys(mapping)) {
    if (!classifierTiers.includes(key)) throw invalid(`classifierTiers.${key}`, `is not a classifier tier (${classifierTiers.join(', ')})`);
  }
  return { routerTierOfClassifierTier, classifierTierOfRouterTier };
}
