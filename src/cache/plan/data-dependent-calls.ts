// Calls whose input the model picks from the data of earlier calls ("the recent changes of whichever
// system's logs show the root cause") cannot be predicted for another request: they are left to the
// model. Plans are compared without those calls' inputs, and a second observation that differs from
// the first only in such references marks them.

import { canonicalJson } from '../../util/index.js';
import { planLeaves } from './abstract-plan.js';
import type { AbstractCall, AbstractPlan } from './plan-types.js';

export function leftCallIds(plan: AbstractPlan): Set<string> {
  const ids = new Set<string>();
  for (const step of plan) for (const call of step) if (call.leftToModel) ids.add(call.id);
  return ids;
}

/** The plan as a string, with the inputs of the calls in `left` left out. */
export function comparablePlanKey(plan: AbstractPlan, left: ReadonlySet<string>): string {
  return canonicalJson(
    plan.map((step) =>
      step.map((call) => (left.has(call.id) ? { id: call.id, toolName: call.toolName, readOnly: call.readOnly } : { id: call.id, toolName: call.toolName, readOnly: call.readOnly, input: call.input })),
    ),
  );
}

/** The same calls, except in inputs either plan leaves to the model. */
export function plansAgree(first: AbstractPlan, second: AbstractPlan): boolean {
  const left = new Set([...leftCallIds(first), ...leftCallIds(second)]);
  return comparablePlanKey(first, left) === comparablePlanKey(second, left);
}

const usesReference = (call: AbstractCall) => [...planLeaves(call.input)].some((leaf) => leaf.kind === 'reference');

/**
 * `previous` with the calls marked that `next` made with another input taken from earlier outputs,
 * when that is the only difference (same steps, same tools in the same places); otherwise undefined.
 */
export function markDataDependent(previous: AbstractPlan, next: AbstractPlan): AbstractPlan | undefined {
  if (previous.length !== next.length) return undefined;
  let marked = false;
  const merged: AbstractPlan = [];
  for (const [stepIndex, step] of previous.entries()) {
    const other = next[stepIndex]!;
    if (other.length !== step.length) return undefined;
    const calls: AbstractCall[] = [];
    for (const [callIndex, call] of step.entries()) {
      const counterpart = other[callIndex]!;
      if (counterpart.toolName !== call.toolName || counterpart.readOnly !== call.readOnly) return undefined;
      if (call.leftToModel || canonicalJson(call.input) === canonicalJson(counterpart.input)) {
        calls.push(call);
        continue;
      }
      if (!usesReference(call) || !usesReference(counterpart)) return undefined;
      calls.push({ ...call, leftToModel: true });
      marked = true;
    }
    merged.push(calls);
  }
  return marked ? merged : undefined;
}
