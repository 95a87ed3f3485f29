// Turns the calls a run made into a plan over the request: each input value is expressed, when it
// can be, through one of the request's slots ("INC-4821" → slot 0), the asking user, or an earlier
// call's output ("u0101" → the output of call s0c0 at matches.0.id). What none of these explains stays
// a literal, which is reused only once it has proven constant (see plan-cache.ts).

import type { Slot } from '../slots/index.js';
import type { AbstractCall, AbstractPlan, AbstractValue, ObservedStep, SlotForm } from './plan-types.js';

/** Slot kinds whose text may also appear inside a longer input ("set up VPN-2", "Dana Smith's laptop"). */
const embeddableKinds = new Set<Slot['kind']>(['id', 'name', 'code', 'email', 'quoted', 'url']);

export function slotNumber(slot: Slot): number | undefined {
  const match = /-?\d+(?:\.\d+)?/.exec(slot.kind === 'amount' ? slot.value.split(' ')[1] ?? '' : slot.value);
  return match ? Number(match[0]) : undefined;
}

export function renderSlot(slot: Slot, form: SlotForm): string | number | undefined {
  switch (form) {
    case 'raw':
      return slot.raw;
    case 'value':
      return slot.value;
    case 'upper':
      return slot.raw.toUpperCase();
    case 'lower':
      return slot.raw.toLowerCase();
    case 'bare':
      return slot.raw.replace(/^#/, '');
    case 'number':
      return slotNumber(slot);
  }
}

const stringForms: readonly SlotForm[] = ['raw', 'value', 'bare', 'upper', 'lower'];

function matchSlot(value: string | number, slots: readonly Slot[]): { index: number; form: SlotForm } | undefined {
  for (let index = 0; index < slots.length; index++) {
    const slot = slots[index]!;
    if (typeof value === 'number') {
      if (slotNumber(slot) === value && slot.kind !== 'id' && slot.kind !== 'code') return { index, form: 'number' };
      continue;
    }
    for (const form of stringForms) if (renderSlot(slot, form) === value) return { index, form };
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "set up VPN-2 on my laptop" with slot 0 = "VPN-2" → ["set up ", {slot 0}, " on my laptop"]. */
function matchTemplate(value: string, slots: readonly Slot[]): AbstractValue | undefined {
  let parts: Array<string | { index: number; form: SlotForm }> = [value];
  let found = false;
  slots.forEach((slot, index) => {
    if (!embeddableKinds.has(slot.kind) || slot.raw.length < 2) return;
    const pattern = new RegExp(`(?<![\\w-])${escapeRegExp(slot.raw)}(?![\\w-])`, 'i');
    const next: typeof parts = [];
    for (const part of parts) {
      if (typeof part !== 'string') {
        next.push(part);
        continue;
      }
      const match = pattern.exec(part);
      if (!match) {
        next.push(part);
        continue;
      }
      const form: SlotForm = match[0] === slot.raw ? 'raw' : match[0] === slot.raw.toUpperCase() ? 'upper' : match[0] === slot.raw.toLowerCase() ? 'lower' : 'raw';
      if (match[0] !== renderSlot(slot, form)) {
        next.push(part);
        continue;
      }
      found = true;
      next.push(part.slice(0, match.index), { index, form }, part.slice(match.index + match[0].length));
    }
    parts = next;
  });
  return found ? { kind: 'template', parts: parts.filter((part) => part !== '') } : undefined;
}

/** The path of `target` in `value` (breadth first, bounded), for values specific enough to trace. */
function findPath(value: unknown, target: string | number): string | undefined {
  if ((typeof target === 'string' && target.length < 2) || (typeof target === 'number' && Math.abs(target) < 2)) return undefined;
  const queue: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  let visited = 0;
  while (queue.length > 0 && visited++ < 2_000) {
    const { value: current, path } = queue.shift()!;
    if (current === target) return path.join('.');
    if (path.length >= 6 || current === null || typeof current !== 'object') continue;
    const entries = Array.isArray(current) ? current.slice(0, 50).map((item, index) => [String(index), item] as const) : Object.entries(current);
    for (const [key, inner] of entries) queue.push({ value: inner, path: [...path, key] });
  }
  return undefined;
}

function abstractValue(value: unknown, context: { slots: readonly Slot[]; user: string | undefined; earlier: ReadonlyArray<{ id: string; output: unknown }> }): AbstractValue {
  if (typeof value === 'string' || typeof value === 'number') {
    if (typeof value === 'string' && context.user !== undefined && value === context.user) return { kind: 'user' };
    const slot = matchSlot(value, context.slots);
    if (slot) return { kind: 'slot', ...slot };
    for (const call of context.earlier) {
      const path = findPath(call.output, value);
      if (path !== undefined) return { kind: 'reference', call: call.id, path };
    }
    if (typeof value === 'string') {
      const template = matchTemplate(value, context.slots);
      if (template) return template;
    }
    return { kind: 'literal', value };
  }
  if (Array.isArray(value)) return { kind: 'array', items: value.map((item) => abstractValue(item, context)) };
  if (value !== null && typeof value === 'object') {
    const fields: Record<string, AbstractValue> = {};
    for (const key of Object.keys(value).sort()) fields[key] = abstractValue((value as Record<string, unknown>)[key], context);
    return { kind: 'object', fields };
  }
  return { kind: 'literal', value };
}

/** The value at a dotted path of an output ("matches.0.id"). */
function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path === '' ? [] : path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Whether a call picks one of several parallel calls of the same tool by echoing that call's own literal
 * input (`get_recent_changes({ system })` with the system of whichever of three log calls showed the
 * root cause): which one it picks depends on the data, so no other request can derive it.
 */
function selectsAmongSiblings(call: AbstractCall, context: { steps: readonly AbstractCall[][]; outputs: ReadonlyMap<string, unknown> }): boolean {
  for (const leaf of planLeaves(call.input)) {
    if (leaf.kind !== 'reference') continue;
    const step = context.steps.find((calls) => calls.some((candidate) => candidate.id === leaf.call));
    const source = step?.find((candidate) => candidate.id === leaf.call);
    if (!step || !source || step.filter((candidate) => candidate.toolName === source.toolName).length < 2) continue;
    const value = valueAt(context.outputs.get(leaf.call), leaf.path);
    for (const inputLeaf of planLeaves(source.input)) if (inputLeaf.kind === 'literal' && inputLeaf.value === value) return true;
  }
  return false;
}

export function abstractPlan(options: { steps: readonly ObservedStep[]; slots: readonly Slot[]; user: string | undefined }): AbstractPlan {
  const earlier: Array<{ id: string; output: unknown }> = [];
  const outputs = new Map<string, unknown>();
  const steps: AbstractCall[][] = [];
  options.steps.forEach((step, stepIndex) => {
    const calls: AbstractCall[] = step.map((call, callIndex) => {
      const abstracted: AbstractCall = {
        id: `s${stepIndex}c${callIndex}`,
        toolName: call.toolName,
        readOnly: call.readOnly,
        input: abstractValue(call.input, { slots: options.slots, user: options.user, earlier }),
      };
      return selectsAmongSiblings(abstracted, { steps, outputs }) ? { ...abstracted, leftToModel: true } : abstracted;
    });
    step.forEach((call, callIndex) => {
      if (!call.failed && call.output !== undefined) {
        earlier.push({ id: `s${stepIndex}c${callIndex}`, output: call.output });
        outputs.set(`s${stepIndex}c${callIndex}`, call.output);
      }
    });
    steps.push(calls);
  });
  return steps;
}

/** Every leaf of a plan, to ask what it depends on. */
export function* planLeaves(value: AbstractValue): Generator<AbstractValue> {
  if (value.kind === 'object') for (const inner of Object.values(value.fields)) yield* planLeaves(inner);
  else if (value.kind === 'array') for (const inner of value.items) yield* planLeaves(inner);
  else yield value;
}
