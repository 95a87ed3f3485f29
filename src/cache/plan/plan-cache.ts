// The plan cache (the approach of "Agentic Plan Caching", 2025): for a request pattern with its slots
// abstracted ("what's the status of {id}"), it remembers which tool calls the model chose, with inputs
// expressed through the slots, the asking user and earlier outputs. A later request of the pattern
// gets the same calls with its own values, so the agent can run them at once and skip the planning
// model call. Data is never cached here: only the recipe.
//
// Safety rules:
// - side-effecting calls are remembered (so the pattern is known to act) but never predicted as runnable;
// - a literal input value (one no slot, user or output explains) is reused only after it stayed the
//   same across requests of different users (or, without users, different slot values), and only when
//   the request's other slots take values already seen with it (a literal may depend on them);
// - confidence counts how often the model's own choice matched the prediction; reuse needs
//   `minMatches` matches and a score of at least `reuseConfidence`.

import { canonicalJson, HotpathError } from '../../util/index.js';
import { extractSlots, type ExtractedSlots } from '../slots/index.js';
import { abstractPlan, planLeaves } from './abstract-plan.js';
import { instantiatePlan } from './instantiate-plan.js';
import type { AbstractPlan, ObservedStep, PlanConfidence, PlanPatternStats, PlanPrediction } from './plan-types.js';

export interface PlanCacheOptions {
  /** Matches needed before a plan is reused without the planning call. Default 2. */
  minMatches?: number;
  /** Lowest confidence score for reuse. Default 0.75. */
  reuseConfidence?: number;
  /** Patterns remembered (least recently used go first). Default 10,000. */
  maxPatterns?: number;
}

export interface PlanRequest {
  namespace: string;
  text: string;
  user?: string;
}

export type PlanRunMode = 'observed' | 'speculated' | 'reused';

export interface PlanObservation extends PlanRequest {
  /** The calls by model step, prefilled steps included. */
  steps: readonly ObservedStep[];
  /** How the run used the prediction: reused (planning skipped), speculated, or none. */
  mode: PlanRunMode;
  /** The prediction the run started with, when there was one. */
  prediction?: PlanPrediction;
}

export interface PlanCache {
  predict(request: PlanRequest): PlanPrediction | undefined;
  observe(observation: PlanObservation): void;
  /** Whether runs of this request's pattern have changed data. */
  knowsSideEffects(request: PlanRequest): boolean;
  patterns(): PlanPatternStats[];
  stats(): { predictions: number; reusable: number; observations: number; matched: number; mismatched: number };
}

interface PatternRecord {
  pattern: string;
  plan: AbstractPlan;
  planKey: string;
  hasLiterals: boolean;
  /** Slot positions the plan reads. */
  referenced: ReadonlySet<number>;
  observations: number;
  /** Distinct askers (or slot values) that produced this very plan. */
  witnesses: Set<string>;
  users: Set<string>;
  /** Values of the slots the plan does not read, as seen with this plan. */
  unreferencedSeen: Set<string>;
  trials: number;
  matches: number;
  hasSideEffects: boolean;
  reused: number;
}

const maxWitnesses = 64;

function referencedSlots(plan: AbstractPlan): { referenced: Set<number>; hasLiterals: boolean } {
  const referenced = new Set<number>();
  let hasLiterals = false;
  for (const step of plan) {
    for (const call of step) {
      for (const leaf of planLeaves(call.input)) {
        if (leaf.kind === 'slot') {
          referenced.add(leaf.index);
        } else if (leaf.kind === 'template') {
          for (const part of leaf.parts) if (typeof part !== 'string') referenced.add(part.index);
        } else if (leaf.kind === 'literal') {
          hasLiterals = true;
        }
      }
    }
  }
  return { referenced, hasLiterals };
}

const unreferencedKey = (slots: ExtractedSlots, referenced: ReadonlySet<number>) =>
  slots.slots.filter((_, index) => !referenced.has(index)).map((slot) => `${slot.kind}=${slot.value}`).join('|');
const referencedKey = (slots: ExtractedSlots, referenced: ReadonlySet<number>) =>
  slots.slots.filter((_, index) => referenced.has(index)).map((slot) => `${slot.kind}=${slot.value}`).join('|');

export function createPlanCache(options: PlanCacheOptions = {}): PlanCache {
  const minMatches = options.minMatches ?? 2;
  const reuseConfidence = options.reuseConfidence ?? 0.75;
  const maxPatterns = options.maxPatterns ?? 10_000;
  const invalid = (option: string, problem: string) => new HotpathError('HOTPATH_INVALID_CONFIG', `createPlanCache: option "${option}" ${problem}`, { details: { option } });
  if (!(Number.isInteger(minMatches) && minMatches >= 0)) throw invalid('minMatches', `must be a non-negative integer (got ${String(minMatches)})`);
  if (!(reuseConfidence >= 0 && reuseConfidence <= 1)) throw invalid('reuseConfidence', `must be between 0 and 1 (got ${String(reuseConfidence)})`);
  if (!(Number.isInteger(maxPatterns) && maxPatterns > 0)) throw invalid('maxPatterns', `must be a positive integer (got ${String(maxPatterns)})`);

  const records = new Map<string, PatternRecord>();
  const counters = { predictions: 0, reusable: 0, observations: 0, matched: 0, mismatched: 0 };

  const keyOf = (namespace: string, slots: ExtractedSlots) => `${namespace}\u0000${slots.template}`;
  const touch = (key: string, record: PatternRecord) => {
    records.delete(key);
    records.set(key, record);
    while (records.size > maxPatterns) records.delete(records.keys().next().value as string);
  };
  const confidenceOf = (record: PatternRecord): PlanConfidence => ({
    trials: record.trials,
    matches: record.matches,
    score: (record.matches + 1) / (record.trials + 2),
  });
  const witness = (record: PatternRecord, slots: ExtractedSlots, user: string | undefined) => {
    if (record.witnesses.size < maxWitnesses) record.witnesses.add(`${user ?? ''}\u0000${referencedKey(slots, record.referenced)}`);
    if (user !== undefined && record.users.size < maxWitnesses) record.users.add(user);
    if (record.unreferencedSeen.size < maxWitnesses) record.unreferencedSeen.add(unreferencedKey(slots, record.referenced));
    record.observations++;
  };
  const fresh = (pattern: string, plan: AbstractPlan, hasSideEffects: boolean): PatternRecord => {
    const { referenced, hasLiterals } = referencedSlots(plan);
    return {
      pattern, plan, planKey: canonicalJson(plan), hasLiterals, referenced, observations: 0, witnesses: new Set(), users: new Set(),
      unreferencedSeen: new Set(), trials: 0, matches: 0, hasSideEffects, reused: 0,
    };
  };

  return {
    predict(request) {
      const slots = extractSlots(request.text);
      const key = keyOf(request.namespace, slots);
      const record = records.get(key);
      if (!record || record.plan.length === 0) return undefined;
      touch(key, record);
      counters.predictions++;
      // A literal may depend on the asker or on slots the plan does not read: reuse it only when it has
      // stayed the same across askers and the request's other slot values were seen with it.
      const literalsConfirmed = record.witnesses.size >= 2 && (request.user === undefined || record.users.size >= 2);
      const literalsAllowed = !record.hasLiterals || (literalsConfirmed && record.unreferencedSeen.has(unreferencedKey(slots, record.referenced)));
      const steps = instantiatePlan({ plan: record.plan, slots: slots.slots, user: request.user, literalsAllowed });
      const calls = steps.flat();
      const confidence = confidenceOf(record);
      const reusable = calls.every((call) => call.readOnly && call.derivable) && record.matches >= minMatches && confidence.score >= reuseConfidence;
      if (reusable) counters.reusable++;
      return {
        key,
        pattern: slots.template,
        steps,
        reusable,
        hasSideEffects: record.hasSideEffects,
        confidence,
        readOnlyCalls: calls.filter((call) => call.readOnly && call.derivable),
      };
    },

    observe(observation) {
      counters.observations++;
      const slots = extractSlots(observation.text);
      const key = keyOf(observation.namespace, slots);
      const plan = abstractPlan({ steps: observation.steps.filter((step) => step.length > 0), slots: slots.slots, user: observation.user });
      const planKey = canonicalJson(plan);
      const acts = observation.steps.some((step) => step.some((call) => !call.readOnly));
      const record = records.get(key);
      if (!record) {
        const created = fresh(slots.template, plan, acts);
        witness(created, slots, observation.user);
        touch(key, created);
        return;
      }
      record.hasSideEffects ||= acts;
      if (observation.mode === 'reused') {
        record.reused++;
        // The model saw the prefilled calls and wanted nothing more: the plan stands (no trial: the
        // model's own first choice was not observed). More calls: the plan missed something.
        if (planKey === record.planKey) witness(record, slots, observation.user);
        else {
          record.trials++;
          counters.mismatched++;
          const replaced = { ...fresh(slots.template, plan, record.hasSideEffects), trials: record.trials, matches: record.matches, reused: record.reused };
          witness(replaced, slots, observation.user);
          touch(key, replaced);
        }
        return;
      }
      record.trials++;
      if (planKey === record.planKey) {
        record.matches++;
        counters.matched++;
        witness(record, slots, observation.user);
        touch(key, record);
        return;
      }
      counters.mismatched++;
      const replaced = { ...fresh(slots.template, plan, record.hasSideEffects), trials: record.trials, matches: record.matches, reused: record.reused };
      witness(replaced, slots, observation.user);
      touch(key, replaced);
    },

    knowsSideEffects(request) {
      return records.get(keyOf(request.namespace, extractSlots(request.text)))?.hasSideEffects ?? false;
    },

    patterns: () =>
      [...records].map(([key, record]) => ({
        key,
        pattern: record.pattern,
        calls: record.plan.flat().length,
        observations: record.observations,
        confidence: confidenceOf(record),
        hasSideEffects: record.hasSideEffects,
        reused: record.reused,
      })),

    stats: () => ({ ...counters }),
  };
}
