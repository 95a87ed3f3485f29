// The plan cache (the approach of "Agentic Plan Caching", 2025): for a request pattern with its slots
// abstracted ("what's the status of {id}"), it remembers which tool calls the model chose, with inputs
// expressed through the slots, the asking user and earlier outputs. A later request of the pattern
// gets the same calls with its own values, so the agent can run them at once and skip the planning
// model call. Data is never cached here: only the recipe.
//
// Users phrase one request many ways, so a template seen for the first time may borrow the plan of its
// nearest known paraphrase: same namespace, same slot kinds in the same order, same speech act, and
// template embeddings (given by the caller) at least `generalization.reuseSimilarity` apart to reuse it,
// `speculateSimilarity` to speculate it. Each plan keeps a lending record: a borrowed plan the model
// did not follow counts against it, so a bad generalisation stops being lent.
//
// Safety rules:
// - side-effecting calls are remembered (so the pattern is known to act) but never predicted as runnable;
// - a literal input value (one no slot, user or output explains) is reused only after it stayed the
//   same across requests of different users (or, without users, different slot values), and only when
//   the request's other slots take values already seen with it (a literal may depend on them); a
//   borrowed plan's fixed text is reused only when the words it shares with its own template are in
//   the new request's template too ("reset vpn token" is not the query of "how do I set up the printer");
// - calls whose input the model picks from earlier results are left to the model;
// - confidence counts how often the model's own choice matched the prediction; reuse needs
//   `minMatches` matches and a score of at least `reuseConfidence`, or, when every input derives from
//   the request unambiguously (no literal, no value two ways), `minMatchesUnambiguous` and
//   `reuseConfidenceUnambiguous`.

import { HotpathError } from '../../util/index.js';
import { classifySpeechAct, extractSlots, type ExtractedSlots } from '../slots/index.js';
import { abstractPlan, planLeaves } from './abstract-plan.js';
import { markDataDependent, plansAgree } from './data-dependent-calls.js';
import { instantiatePlan } from './instantiate-plan.js';
import type { AbstractPlan, ObservedStep, PlanConfidence, PlanPatternStats, PlanPrediction } from './plan-types.js';

export interface PlanGeneralizationOptions {
  /** Template similarity (cosine) from which a similar template's confident plan is reused. Default 0.8. */
  reuseSimilarity?: number;
  /** Template similarity from which a similar template's read-only calls are speculated. Default 0.65. */
  speculateSimilarity?: number;
  /** Lowest lending score, (lent matches + 1) / (lent trials + 2), for reuse. Default 0.5. */
  minLendConfidence?: number;
  /** Similar templates tried, most similar first, for one whose plan derives for the request. Default 4. */
  candidates?: number;
}

export interface PlanCacheOptions {
  /** Matches needed before a plan is reused without the planning call. Default 2. */
  minMatches?: number;
  /** Lowest confidence score for reuse. Default 0.75. */
  reuseConfidence?: number;
  /** Matches needed when every input derives unambiguously from the request. Default 1. */
  minMatchesUnambiguous?: number;
  /** Lowest confidence score when every input derives unambiguously. Default 0.65 (one match in one trial). */
  reuseConfidenceUnambiguous?: number;
  /** Borrowing plans from similar templates (needs `templateVector` on requests); `false` turns it off. */
  generalization?: PlanGeneralizationOptions | false;
  /** Patterns remembered (least recently used go first). Default 10,000. */
  maxPatterns?: number;
}

export interface PlanRequest {
  namespace: string;
  text: string;
  user?: string;
  /** Embedding of the request's slot template (`extractSlots(text).template`), to find its paraphrases. */
  templateVector?: Float32Array;
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

export interface PlanCacheStats {
  predictions: number;
  reusable: number;
  /** Predictions borrowed from a similar template, and how many of them were reusable. */
  generalized: number;
  generalizedReusable: number;
  observations: number;
  /** Runs whose prediction the model's own choice (or a reused run's calls) matched, or not. */
  matched: number;
  mismatched: number;
}

export interface PlanCache {
  predict(request: PlanRequest): PlanPrediction | undefined;
  observe(observation: PlanObservation): void;
  /** Whether runs of this request's pattern have changed data. */
  knowsSideEffects(request: PlanRequest): boolean;
  /**
   * Whether another known template shares this request's namespace, slot kinds and speech act, so its
   * template vector could find a plan to borrow. When none does, a run need not wait for the vector.
   */
  hasTemplatesLike(request: PlanRequest): boolean;
  patterns(): PlanPatternStats[];
  stats(): PlanCacheStats;
}

interface PatternRecord {
  pattern: string;
  plan: AbstractPlan;
  hasLiterals: boolean;
  /** Slot positions the plan reads. */
  referenced: ReadonlySet<number>;
  observations: number;
  /** Distinct askers (or slot values) that produced this very plan. */
  witnesses: Set<string>;
  users: Set<string>;
  /** Values of the slots the plan does not read, as seen with this plan. */
  unreferencedSeen: Set<string>;
  /** Some observation could explain a value in two ways (two equal slots, a slot equal to the user). */
  ambiguous: boolean;
  trials: number;
  matches: number;
  lentTrials: number;
  lentMatches: number;
  hasSideEffects: boolean;
  reused: number;
  /** Where paraphrases are looked for: namespace, slot kinds, speech act. */
  bucket: string;
  templateWords: ReadonlySet<string>;
  vector: Float32Array | undefined;
  vectorNorm: number;
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

const wordsOf = (text: string) => new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== ''));

/** Whether a value of the request could be read two ways: two slots alike, or a slot that is the asker. */
function derivationAmbiguous(slots: ExtractedSlots, user: string | undefined): boolean {
  const seen = new Set<string>();
  for (const slot of slots.slots) {
    for (const form of new Set([slot.value.toLowerCase(), slot.raw.toLowerCase()])) {
      if (seen.has(form) || (user !== undefined && form === user.toLowerCase())) return true;
    }
    seen.add(slot.value.toLowerCase()).add(slot.raw.toLowerCase());
  }
  return false;
}

function norm(vector: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < vector.length; index++) sum += vector[index]! * vector[index]!;
  return Math.sqrt(sum);
}

function cosine(left: Float32Array, leftNorm: number, right: Float32Array, rightNorm: number): number {
  if (left.length !== right.length || leftNorm === 0 || rightNorm === 0) return 0;
  let dot = 0;
  for (let index = 0; index < left.length; index++) dot += left[index]! * right[index]!;
  return dot / (leftNorm * rightNorm);
}

const score = (matches: number, trials: number) => (matches + 1) / (trials + 2);

interface ResolvedGeneralization {
  reuseSimilarity: number;
  speculateSimilarity: number;
  minLendConfidence: number;
  candidates: number;
}

function resolveOptions(options: PlanCacheOptions) {
  const invalid = (option: string, problem: string) => new HotpathError('HOTPATH_INVALID_CONFIG', `createPlanCache: option "${option}" ${problem}`, { details: { option } });
  const count = (option: string, value: number, minimum: number) => {
    if (!(Number.isInteger(value) && value >= minimum)) throw invalid(option, `must be an integer of at least ${minimum} (got ${String(value)})`);
    return value;
  };
  const share = (option: string, value: number) => {
    if (!(value >= 0 && value <= 1)) throw invalid(option, `must be between 0 and 1 (got ${String(value)})`);
    return value;
  };
  const given = options.generalization;
  let generalization: ResolvedGeneralization | undefined;
  if (given !== false) {
    if (given !== undefined && (typeof given !== 'object' || given === null)) throw invalid('generalization', 'must be an object or false');
    generalization = {
      reuseSimilarity: share('generalization.reuseSimilarity', given?.reuseSimilarity ?? 0.8),
      speculateSimilarity: share('generalization.speculateSimilarity', given?.speculateSimilarity ?? 0.65),
      minLendConfidence: share('generalization.minLendConfidence', given?.minLendConfidence ?? 0.5),
      candidates: count('generalization.candidates', given?.candidates ?? 4, 1),
    };
    if (generalization.speculateSimilarity > generalization.reuseSimilarity) {
      throw invalid('generalization.speculateSimilarity', `must not exceed reuseSimilarity (${generalization.reuseSimilarity})`);
    }
  }
  return Object.freeze({
    minMatches: count('minMatches', options.minMatches ?? 2, 0),
    reuseConfidence: share('reuseConfidence', options.reuseConfidence ?? 0.75),
    minMatchesUnambiguous: count('minMatchesUnambiguous', options.minMatchesUnambiguous ?? 1, 0),
    reuseConfidenceUnambiguous: share('reuseConfidenceUnambiguous', options.reuseConfidenceUnambiguous ?? 0.65),
    maxPatterns: count('maxPatterns', options.maxPatterns ?? 10_000, 1),
    generalization,
  });
}

export function createPlanCache(options: PlanCacheOptions = {}): PlanCache {
  const settings = resolveOptions(options);
  const { generalization } = settings;

  const records = new Map<string, PatternRecord>();
  /** Record keys with a template vector, by namespace + slot kinds + speech act. */
  const buckets = new Map<string, Set<string>>();
  const counters: PlanCacheStats = { predictions: 0, reusable: 0, generalized: 0, generalizedReusable: 0, observations: 0, matched: 0, mismatched: 0 };

  const keyOf = (namespace: string, slots: ExtractedSlots) => `${namespace}\u0000${slots.template}`;
  const bucketOf = (namespace: string, slots: ExtractedSlots, text: string) => `${namespace}\u0000${slots.slots.map((slot) => slot.kind).join(',')}\u0000${classifySpeechAct(text)}`;
  const forget = (key: string) => {
    const record = records.get(key);
    records.delete(key);
    if (record) buckets.get(record.bucket)?.delete(key);
  };
  const touch = (key: string, record: PatternRecord) => {
    records.delete(key);
    records.set(key, record);
    while (records.size > settings.maxPatterns) forget(records.keys().next().value as string);
  };
  const attachVector = (key: string, record: PatternRecord, vector: Float32Array | undefined) => {
    if (vector === undefined || record.vector !== undefined) return;
    record.vector = vector;
    record.vectorNorm = norm(vector);
    let bucket = buckets.get(record.bucket);
    if (!bucket) buckets.set(record.bucket, (bucket = new Set()));
    bucket.add(key);
  };
  const confidenceOf = (record: PatternRecord): PlanConfidence => ({ trials: record.trials, matches: record.matches, score: score(record.matches, record.trials) });
  const lentOf = (record: PatternRecord): PlanConfidence => ({ trials: record.lentTrials, matches: record.lentMatches, score: score(record.lentMatches, record.lentTrials) });
  /**
   * The reuse bar. A lent plan also counts the model's choices for its paraphrases: each is one more
   * independent choice of the same plan (or not), so a plan seen once on each of two phrasings is as
   * trusted as one seen twice on one.
   */
  const confident = (record: PatternRecord, withLending: boolean) => {
    const matches = record.matches + (withLending ? record.lentMatches : 0);
    const value = score(matches, record.trials + (withLending ? record.lentTrials : 0));
    if (matches >= settings.minMatches && value >= settings.reuseConfidence) return true;
    return !record.hasLiterals && !record.ambiguous && matches >= settings.minMatchesUnambiguous && value >= settings.reuseConfidenceUnambiguous;
  };
  const witness = (record: PatternRecord, slots: ExtractedSlots, user: string | undefined) => {
    if (record.witnesses.size < maxWitnesses) record.witnesses.add(`${user ?? ''}\u0000${referencedKey(slots, record.referenced)}`);
    if (user !== undefined && record.users.size < maxWitnesses) record.users.add(user);
    if (record.unreferencedSeen.size < maxWitnesses) record.unreferencedSeen.add(unreferencedKey(slots, record.referenced));
    record.ambiguous ||= derivationAmbiguous(slots, user);
    record.observations++;
  };
  const fresh = (options: { pattern: string; plan: AbstractPlan; hasSideEffects: boolean; bucket: string; from?: PatternRecord }): PatternRecord => {
    const { referenced, hasLiterals } = referencedSlots(options.plan);
    const from = options.from;
    return {
      pattern: options.pattern, plan: options.plan, hasLiterals, referenced, observations: 0, witnesses: new Set(), users: new Set(),
      unreferencedSeen: new Set(), ambiguous: false, hasSideEffects: options.hasSideEffects, bucket: options.bucket,
      // A new plan for a known pattern keeps the pattern's record: its trials, reuses and lending.
      trials: from?.trials ?? 0, matches: from?.matches ?? 0, reused: from?.reused ?? 0, lentTrials: from?.lentTrials ?? 0, lentMatches: from?.lentMatches ?? 0,
      templateWords: from?.templateWords ?? wordsOf(options.pattern), vector: from?.vector, vectorNorm: from?.vectorNorm ?? 0,
    };
  };

  /** The record's plan for this request; `borrowed` when the record is another template's. */
  const predictionFrom = (record: PatternRecord, context: { key: string; slots: ExtractedSlots; user: string | undefined; borrowed?: { similarity: number; requestWords: ReadonlySet<string> } }): PlanPrediction => {
    const { slots, borrowed } = context;
    // A literal may depend on the asker or on slots the plan does not read: reuse it only when it has
    // stayed the same across askers and the request's other slot values were seen with it.
    const literalsConfirmed = record.witnesses.size >= 2 && (context.user === undefined || record.users.size >= 2);
    const literalsAllowed = !record.hasLiterals || (literalsConfirmed && record.unreferencedSeen.has(unreferencedKey(slots, record.referenced)));
    // Fixed text borrowed from another template: its words that come from that template must be in this one.
    const textAllowed = borrowed && ((text: string) => [...wordsOf(text)].every((word) => !record.templateWords.has(word) || borrowed.requestWords.has(word)));
    const steps = instantiatePlan({ plan: record.plan, slots: slots.slots, user: context.user, literalsAllowed, ...(textAllowed ? { textAllowed } : {}) });
    const prefix = steps.flat().filter((call) => !call.leftToModel);
    let reusable = prefix.length > 0 && prefix.every((call) => call.readOnly && call.derivable) && confident(record, borrowed !== undefined);
    if (borrowed && generalization) {
      // Two slots of one kind could swap roles between paraphrases ("from {name} to {name}"): speculate only.
      const kinds = slots.slots.map((slot) => slot.kind);
      reusable &&= borrowed.similarity >= generalization.reuseSimilarity && lentOf(record).score >= generalization.minLendConfidence && new Set(kinds).size === kinds.length;
    }
    return {
      key: context.key,
      pattern: slots.template,
      matchedPattern: record.pattern,
      generalized: borrowed !== undefined,
      similarity: borrowed?.similarity ?? 1,
      steps,
      reusable,
      hasSideEffects: record.hasSideEffects,
      confidence: confidenceOf(record),
      readOnlyCalls: prefix.filter((call) => call.readOnly && call.derivable),
    };
  };

  /** Known templates of the request's namespace, slot kinds and speech act, most similar first. */
  const similarTemplates = (request: PlanRequest, slots: ExtractedSlots, minimum: number) => {
    const vector = request.templateVector;
    const bucket = vector === undefined ? undefined : buckets.get(bucketOf(request.namespace, slots, request.text));
    if (!bucket || vector === undefined) return [];
    const ownKey = keyOf(request.namespace, slots);
    const vectorNorm = norm(vector);
    const candidates: Array<{ key: string; record: PatternRecord; similarity: number }> = [];
    for (const key of bucket) {
      const record = records.get(key);
      if (key === ownKey || !record?.vector || record.plan.length === 0) continue;
      const similarity = cosine(vector, vectorNorm, record.vector, record.vectorNorm);
      if (similarity >= minimum) candidates.push({ key, record, similarity });
    }
    return candidates.sort((left, right) => right.similarity - left.similarity);
  };

  /** The most similar known template's plan that derives for this request (reusable first, else speculable). */
  const borrow = (request: PlanRequest, slots: ExtractedSlots, own: PatternRecord | undefined): PlanPrediction | undefined => {
    if (!generalization) return undefined;
    const requestWords = wordsOf(slots.template);
    let speculable: { key: string; record: PatternRecord; prediction: PlanPrediction } | undefined;
    for (const { key, record, similarity } of similarTemplates(request, slots, generalization.speculateSimilarity).slice(0, generalization.candidates)) {
      // The model planned this template itself, otherwise: its own choice wins.
      if (own && !plansAgree(own.plan, record.plan)) continue;
      const prediction = predictionFrom(record, { key, slots, user: request.user, borrowed: { similarity, requestWords } });
      if (prediction.reusable) {
        touch(key, record);
        return prediction;
      }
      if (!speculable && prediction.readOnlyCalls.length > 0) speculable = { key, record, prediction };
    }
    if (speculable) touch(speculable.key, speculable.record);
    return speculable?.prediction;
  };

  /**
   * A template the model planned without a borrowed plan tells whether the plan it would have borrowed
   * (the most similar one in the reuse band that derives for it) was right: a lending trial.
   */
  const judgeWouldBeLender = (observation: PlanObservation, slots: ExtractedSlots, plan: AbstractPlan) => {
    if (!generalization) return;
    const requestWords = wordsOf(slots.template);
    for (const { key, record, similarity } of similarTemplates(observation, slots, generalization.reuseSimilarity).slice(0, generalization.candidates)) {
      const prediction = predictionFrom(record, { key, slots, user: observation.user, borrowed: { similarity, requestWords } });
      const prefix = prediction.steps.flat().filter((call) => !call.leftToModel);
      if (prefix.length === 0 || !prefix.every((call) => call.readOnly && call.derivable)) continue;
      record.lentTrials++;
      if (plansAgree(record.plan, plan)) record.lentMatches++;
      return;
    }
  };

  const counted = (prediction: PlanPrediction): PlanPrediction => {
    counters.predictions++;
    if (prediction.reusable) counters.reusable++;
    if (prediction.generalized) {
      counters.generalized++;
      if (prediction.reusable) counters.generalizedReusable++;
    }
    return prediction;
  };

  /** Teaches a pattern's record the plan a run followed (`trial`: the model chose it itself). */
  const learn = (context: { key: string; record: PatternRecord; plan: AbstractPlan; slots: ExtractedSlots; user: string | undefined; trial: boolean }) => {
    const { key, record, plan, slots, user, trial } = context;
    if (trial) record.trials++;
    if (plansAgree(record.plan, plan)) {
      if (trial) record.matches++;
      witness(record, slots, user);
      touch(key, record);
      return;
    }
    // Differing only in which earlier result a call picked: that call is the model's to make.
    const marked = markDataDependent(record.plan, plan);
    const replaced = marked
      ? { ...fresh({ pattern: record.pattern, plan: marked, hasSideEffects: record.hasSideEffects, bucket: record.bucket, from: record }), witnesses: record.witnesses, users: record.users, unreferencedSeen: record.unreferencedSeen, observations: record.observations, ambiguous: record.ambiguous }
      : fresh({ pattern: record.pattern, plan, hasSideEffects: record.hasSideEffects, bucket: record.bucket, from: record });
    witness(replaced, slots, user);
    touch(key, replaced);
  };

  return {
    predict(request) {
      const slots = extractSlots(request.text);
      const key = keyOf(request.namespace, slots);
      const own = records.get(key);
      if (own) attachVector(key, own, request.templateVector);
      const exact = own && own.plan.length > 0 ? predictionFrom(own, { key, slots, user: request.user }) : undefined;
      if (own && exact) touch(key, own);
      if (exact?.reusable) return counted(exact);
      const borrowed = borrow(request, slots, own);
      if (borrowed && (borrowed.reusable || !exact)) return counted(borrowed);
      return exact && counted(exact);
    },

    observe(observation) {
      counters.observations++;
      const slots = extractSlots(observation.text);
      const key = keyOf(observation.namespace, slots);
      const plan = abstractPlan({ steps: observation.steps.filter((step) => step.length > 0), slots: slots.slots, user: observation.user });
      const acts = observation.steps.some((step) => step.some((call) => !call.readOnly));
      const { prediction, mode } = observation;
      // The prediction's outcome, on the record it came from. A reused run that needed nothing more
      // is no trial (the model's own first choice was not seen); one that needed more or other calls is a miss.
      const source = prediction && records.get(prediction.key);
      if (prediction && source) {
        const agrees = plansAgree(source.plan, plan);
        if (mode === 'reused') source.reused++;
        if (mode !== 'reused' || !agrees) {
          counters[agrees ? 'matched' : 'mismatched']++;
          // Lending is judged where it matters: in the reuse band (a speculated guess below it costs reads only).
          if (prediction.generalized && generalization && prediction.similarity >= generalization.reuseSimilarity) {
            source.lentTrials++;
            if (agrees) source.lentMatches++;
          }
        }
      }
      const record = records.get(key);
      if (!prediction?.generalized && mode !== 'reused' && (!record || !confident(record, false))) judgeWouldBeLender(observation, slots, plan);
      if (!record) {
        const created = fresh({ pattern: slots.template, plan, hasSideEffects: acts, bucket: bucketOf(observation.namespace, slots, observation.text) });
        witness(created, slots, observation.user);
        attachVector(key, created, observation.templateVector);
        touch(key, created);
        return;
      }
      record.hasSideEffects ||= acts;
      attachVector(key, record, observation.templateVector);
      // A reused run of the pattern's own plan that needed more calls counts as a trial it lost.
      const reusedOwn = mode === 'reused' && prediction !== undefined && !prediction.generalized;
      const trial = mode !== 'reused' || (reusedOwn && !plansAgree(record.plan, plan));
      learn({ key, record, plan, slots, user: observation.user, trial });
    },

    hasTemplatesLike(request) {
      if (!generalization) return false;
      const slots = extractSlots(request.text);
      const bucket = buckets.get(bucketOf(request.namespace, slots, request.text));
      if (!bucket) return false;
      const ownKey = keyOf(request.namespace, slots);
      for (const key of bucket) if (key !== ownKey) return true;
      return false;
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
        lent: lentOf(record),
      })),

    stats: () => ({ ...counters }),
  };
}
