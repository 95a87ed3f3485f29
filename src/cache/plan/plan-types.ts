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
}

export interface PlanConfidence {
  /** Times the model's own choice was compared with the prediction, and matched it. */
  trials: number;
  matches: number;
  /** (matches + 1) / (trials + 2). */
  score: number;
}

export interface PlanPrediction {
  /** Namespace and template: the key the plan is remembered under. */
  key: string;
  /** The request's template, e.g. "what's the status of {id}". */
  pattern: string;
  steps: PredictedCall[][];
  /** Every call derivable and read-only, and confident enough to skip the planning model call. */
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
}
