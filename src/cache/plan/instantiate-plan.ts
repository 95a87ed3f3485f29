// Fills a remembered plan in for a new request: slots from its own slots, the user from its asker,
// references to earlier outputs as executor graph references. A call is derivable only when every
// value comes from one of those, or is a literal the caller vouches for. Calls left to the model (and
// every call of their step and later steps) are never filled in: the model makes them after the results.

import type { Slot } from '../slots/index.js';
import { renderSlot } from './abstract-plan.js';
import type { AbstractPlan, AbstractValue, PredictedCall } from './plan-types.js';

const underivable = Symbol('underivable');

export interface InstantiatePlanOptions {
  plan: AbstractPlan;
  slots: readonly Slot[];
  user: string | undefined;
  literalsAllowed: boolean;
  /**
   * Vets the fixed text of a plan learnt on another template: literal strings and the text around
   * slots in templated inputs. Default: all allowed.
   */
  textAllowed?: (text: string) => boolean;
}

interface FillContext extends InstantiatePlanOptions {
  derivable: ReadonlySet<string>;
}

function fill(value: AbstractValue, context: FillContext): unknown {
  switch (value.kind) {
    case 'literal':
      if (!context.literalsAllowed) return underivable;
      return typeof value.value === 'string' && context.textAllowed && !context.textAllowed(value.value) ? underivable : value.value;
    case 'user':
      return context.user ?? underivable;
    case 'slot': {
      const slot = context.slots[value.index];
      const rendered = slot === undefined ? undefined : renderSlot(slot, value.form);
      return rendered ?? underivable;
    }
    case 'reference':
      return context.derivable.has(value.call) ? { $ref: value.call, ...(value.path === '' ? {} : { path: value.path }) } : underivable;
    case 'template': {
      let text = '';
      for (const part of value.parts) {
        if (typeof part === 'string') {
          if (context.textAllowed && !context.textAllowed(part)) return underivable;
          text += part;
          continue;
        }
        const slot = context.slots[part.index];
        const rendered = slot === undefined ? undefined : renderSlot(slot, part.form);
        if (rendered === undefined) return underivable;
        text += String(rendered);
      }
      return text;
    }
    case 'array': {
      const items = value.items.map((item) => fill(item, context));
      return items.includes(underivable) ? underivable : items;
    }
    case 'object': {
      const filled: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value.fields)) {
        const result = fill(inner, context);
        if (result === underivable) return underivable;
        filled[key] = result;
      }
      return filled;
    }
  }
}

/** The plan's calls for this request; calls that reference an underivable call are underivable too. */
export function instantiatePlan(options: InstantiatePlanOptions): PredictedCall[][] {
  const derivable = new Set<string>();
  const firstLeftStep = options.plan.findIndex((step) => step.some((call) => call.leftToModel));
  return options.plan.map((step, stepIndex) => {
    const leftToModel = firstLeftStep !== -1 && stepIndex >= firstLeftStep;
    const filled = step.map((call): PredictedCall => {
      if (leftToModel) return { id: call.id, toolName: call.toolName, readOnly: call.readOnly, input: undefined, derivable: false, leftToModel: true };
      const input = call.readOnly ? fill(call.input, { ...options, derivable }) : underivable;
      const ok = input !== underivable;
      return { id: call.id, toolName: call.toolName, readOnly: call.readOnly, input: ok ? input : undefined, derivable: ok };
    });
    // Calls of one step run side by side: they may reference only earlier steps.
    for (const call of filled) if (call.derivable) derivable.add(call.id);
    return filled;
  });
}
