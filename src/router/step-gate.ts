// Holds a cheaper tier's output back until it is known not to be a failure, so the user never sees a
// failed start: text until the refusal check ran on its first N tokens (and, for an answer after tool
// calls, until it mentions a value from the results), tool calls until they are validated — the loop
// dispatches each `tool-call` part at once, so only valid ones may pass. Once released, parts flow
// through; a problem found after that cannot be taken back and is reported as a late failure.

import type { ModelStreamPart, ModelToolDeclaration, ModelMessage } from '../spec/index.js';
import { mentionsAny, turnToolResults, type TurnToolResults } from './grounding-check.js';
import { checkRefusal, checkUnsupportedClaim, confirmsAction } from './refusal-check.js';
import type { QualityFailure } from './router-types.js';
import { checkToolCall } from './tool-call-check.js';

export interface StepGateOptions {
  messages: readonly ModelMessage[];
  tools: readonly ModelToolDeclaration[];
  holdBackTokens: number;
  refusal: boolean;
  toolCalls: boolean;
  grounding: boolean;
  refusalPatterns: readonly RegExp[];
}

export type GateVerdict =
  | { action: 'hold' }
  | { action: 'release'; parts: ModelStreamPart[] }
  | { action: 'fail'; failure: QualityFailure };

const hold: GateVerdict = { action: 'hold' };

/** Rough token count of text (about four characters per token in English). */
export function approximateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export class StepGate {
  readonly #options: StepGateOptions;
  #held: ModelStreamPart[] = [];
  #text = '';
  #released = false;
  #openingChecked = false;
  #grounded: boolean | undefined;
  #turn: TurnToolResults | undefined;
  #toolInputSeen = false;
  #toolCalls = 0;
  #lateFailure: QualityFailure | undefined;

  constructor(options: StepGateOptions) {
    this.#options = options;
  }

  get released(): boolean {
    return this.#released;
  }

  /** Tool calls seen in the step (the step is a final answer when there were none). */
  get toolCalls(): number {
    return this.#toolCalls;
  }

  /** A failure found after the output was released (a later tool call that is invalid). */
  get lateFailure(): QualityFailure | undefined {
    return this.#lateFailure;
  }

  push(part: ModelStreamPart): GateVerdict {
    if (this.#released) return this.#afterRelease(part);
    switch (part.type) {
      case 'text-delta':
        this.#text += part.delta;
        this.#held.push(part);
        return this.#checkText();
      case 'tool-input-start':
        this.#toolInputSeen = true;
        this.#held.push(part);
        return hold;
      case 'tool-call': {
        this.#toolCalls++;
        const failure = this.#checkOpening(true) ?? this.#checkCall(part);
        if (failure) return { action: 'fail', failure };
        this.#held.push(part);
        return this.#release();
      }
      case 'finish': {
        this.#held.push(part);
        const failure = this.#checkFinal(part.finishReason);
        return failure ? { action: 'fail', failure } : this.#release();
      }
      default:
        this.#held.push(part);
        return hold;
    }
  }

  /** Gives up gating (no better tier can be reached): everything held goes out now. */
  releaseAll(): ModelStreamPart[] {
    this.#released = true;
    return this.#held.splice(0);
  }

  #afterRelease(part: ModelStreamPart): GateVerdict {
    if (part.type === 'tool-call') {
      this.#toolCalls++;
      this.#lateFailure ??= this.#checkCall(part);
    }
    return { action: 'release', parts: [part] };
  }

  #release(): GateVerdict {
    this.#released = true;
    return { action: 'release', parts: this.#held.splice(0) };
  }

  #checkText(): GateVerdict {
    if (this.#toolInputSeen) return hold;
    if (!this.#openingChecked) {
      if (approximateTokens(this.#text) < this.#options.holdBackTokens) return hold;
      const failure = this.#checkOpening(false);
      if (failure) return { action: 'fail', failure };
    }
    return this.#isGrounded() ? this.#release() : hold;
  }

  /** Refusal and, when no tool ran this turn, a claimed lookup: checked once on the opening text. */
  #checkOpening(beforeToolCall: boolean): QualityFailure | undefined {
    if (this.#openingChecked) return undefined;
    this.#openingChecked = true;
    const options = this.#options;
    if (options.refusal) {
      const refusal = checkRefusal(this.#text, options.refusalPatterns);
      if (refusal) return refusal;
    }
    // A claimed lookup or action is unsupported when no tool ran this turn, or every call failed.
    const turn = this.#turnResults().kind;
    if (!beforeToolCall && options.grounding && options.tools.length > 0 && (turn === 'none' || turn === 'all-failed')) {
      return checkUnsupportedClaim(this.#text);
    }
    return undefined;
  }

  #checkCall(part: Extract<ModelStreamPart, { type: 'tool-call' }>): QualityFailure | undefined {
    return this.#options.toolCalls ? checkToolCall(part.toolCall, this.#options.tools) : undefined;
  }

  #checkFinal(finishReason: string): QualityFailure | undefined {
    if (this.#toolCalls > 0) return undefined;
    if (finishReason === 'content-filter') return { kind: 'refusal', detail: 'the provider filtered the answer' };
    if (this.#text.trim() === '') return { kind: 'empty-answer', detail: `the model answered nothing (finish reason ${finishReason})` };
    const opening = this.#checkOpening(false);
    if (opening) return opening;
    if (!this.#isGrounded()) return { kind: 'ignored-tool-results', detail: 'the answer mentions none of the values the tool results returned' };
    return undefined;
  }

  #isGrounded(): boolean {
    if (this.#grounded === true) return true;
    const turn = this.#turnResults();
    this.#grounded = !this.#options.grounding || turn.kind !== 'results' || mentionsAny(this.#text, turn.grounding) || confirmsAction(this.#text);
    return this.#grounded;
  }

  #turnResults(): TurnToolResults {
    this.#turn ??= turnToolResults(this.#options.messages);
    return this.#turn;
  }
}
