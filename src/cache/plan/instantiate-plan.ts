// Fills a remembered plan in for a new request: slots from its own slots, the user from its asker,
// references to earlier outputs as executor graph references. A call is derivable only when every
// value comes from one of those, or is a literal the caller vouches for.

import type { Slot } from '../slots/index.js';
import { renderSlot } from './abstract-plan.js';
import type { AbstractPlan, AbstractValue, PredictedCall } from './plan-types.js';

const underivable = Symbol('underivable');

function fill(value: AbstractValue, context: { slots: readonly Slot[]; user: string | undefined; literalsAllowed: boolean; derivable: ReadonlySet<string> }): unknown {
  switch (value.kind) {
    case 'literal':
      return context.literalsAllowed ? value.value : underivable;
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
export function instantiatePlan(options: { plan: AbstractPlan; slots: readonly Slot[]; user: string | undefined; literalsAllowed: boolean }): PredictedCall[][] {
  const derivable = new Set<string>();
  return options.plan.map((step) => {
    const filled = step.map((call) => {
      const input = call.readOnly ? fill(call.input, { ...options, derivable }) : underivable;
      const ok = input !== underivable;
      return { id: call.id, toolName: call.toolName, readOnly: call.readOnly, input: ok ? input : undefined, derivable: ok };
    });
    // Calls of one step run side by side: they may reference only earlier steps.
    for (const call of filled) if (call.derivable) derivable.add(call.id);
    return filled;
  });
}
