// Shapes of the plan cache: what a run did (observed calls by model step), how a plan is remembered
// with its inputs expressed through the request's slots, the asking user and earlier outputs, and
// what a prediction for a new request looks like.

/** One tool call a run made, with its result. */
export interface ObservedCall {
  toolName: string;
  input: unknown;
  output?: unknown;
  failed: boolean;
  readOnly: boolean;
}

/** The calls of one model step, in the order the model made them. */
export type ObservedStep = ObservedCall[];

/** How a slot's text becomes an input value. */
export type SlotForm = 'raw' | 'value' | 'upper' | 'lower' | 'bare' | 'number';

/** An input value as a recipe over the new request. */
export type AbstractValue =
  | { kind: 'literal'; value: unknown }
  | { kind: 'slot'; index: number; form: SlotForm }
  | { kind: 'user' }
  | { kind: 'reference'; call: string; path: string }
  | { kind: 'template'; parts: Array<string | { index: number; form: SlotForm }> }
  | { kind: 'object'; fields: Record<string, AbstractValue> }
  | { kind: 'array'; items: AbstractValue[] };

export interface AbstractCall {
  /** Node id: "s<step>c<index>". */
  id: string;
  toolName: string;
  readOnly: boolean;
  input: AbstractValue;
  /**
   * The model chose this call's input from the data of earlier calls (the changes of whichever system's
   * logs show the root cause): never predicted, left to the model, and compared by tool name only.
   */
  leftToModel?: true;
}

export type AbstractPlan = AbstractCall[][];

/** A reference to an earlier call's output, in the executor's graph format. */
export interface OutputReference {
  $ref: string;
  path?: string;
}

export interface PredictedCall {
  id: string;
  toolName: string;
  readOnly: boolean;
  /** The input for this request (may hold `OutputReference`s); undefined when it cannot be derived. */
  input: unknown;
  derivable: boolean;
  /** Data-dependent: the model makes this call (and every later one) itself after seeing the results. */
  leftToModel?: true;
}

export interface PlanConfidence {
  /** Times the model's own choice was compared with the prediction, and matched it. */
  trials: number;
  matches: number;
  /** (matches + 1) / (trials + 2). */
  score: number;
}

export interface PlanPrediction {
  /** Namespace and template of the pattern the plan came from (another template's, when generalised). */
  key: string;
  /** The request's template, e.g. "what's the status of {id}". */
  pattern: string;
  /** The template the plan was learnt on: `pattern` itself, or its nearest paraphrase. */
  matchedPattern: string;
  /** The plan came from a similar template of the same slot kinds, not from the request's own. */
  generalized: boolean;
  /** Cosine similarity of the two templates' embeddings (1 for the request's own template). */
  similarity: number;
  /** By model step. Calls left to the model come last and are not derivable. */
  steps: PredictedCall[][];
  /**
   * Every call before the first one left to the model is derivable and read-only, and the plan is
   * confident enough to run them and skip the planning model call.
   */
  reusable: boolean;
  /** Some remembered call of the pattern changes data. */
  hasSideEffects: boolean;
  confidence: PlanConfidence;
  /** Derivable read-only calls: what may be run ahead of the model. */
  readOnlyCalls: PredictedCall[];
}

export interface PlanPatternStats {
  key: string;
  pattern: string;
  calls: number;
  observations: number;
  confidence: PlanConfidence;
  hasSideEffects: boolean;
  reused: number;
  /** How the plan fared when lent to similar templates (trials: runs where the model planned itself or wanted other calls). */
  lent: PlanConfidence;
}
