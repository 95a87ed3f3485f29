import { describe, expect, it } from 'vitest';
import { extractSlots } from '../slots/index.js';
import { abstractPlan } from './abstract-plan.js';
import { markDataDependent, plansAgree } from './data-dependent-calls.js';
import { createPlanCache } from './plan-cache.js';
import type { ObservedCall, ObservedStep } from './plan-types.js';

const namespace = 'tenant-a:agent';
const read = (toolName: string, input: Record<string, unknown>, output: unknown = { ok: true }): ObservedCall => ({ toolName, input, output, failed: false, readOnly: true });
const systems = ['auth', 'api-gateway', 'billing'] as const;

/** Three log calls, then the recent changes of whichever system's logs show the root cause. */
function debugRun(errorCode: string, root: (typeof systems)[number]): ObservedStep[] {
  return [
    systems.map((system) => read('get_system_logs', { system, errorCode }, { system, errorCode, entries: system === root ? [{ level: 'error', rootCause: true }] : [] })),
    [read('get_recent_changes', { system: root }, { system: root, changes: [{ id: 'CHG-1' }] })],
  ];
}

describe('calls left to the model', () => {
  it('marks a call that picks one of several parallel calls of a tool by its own input', () => {
    const text = 'Debug ERR-5521 across auth, api-gateway and billing';
    const plan = abstractPlan({ steps: debugRun('ERR-5521', 'billing'), slots: extractSlots(text).slots, user: 'u1' });
    expect(plan[0]!.every((call) => call.leftToModel === undefined)).toBe(true);
    expect(plan[1]![0]).toMatchObject({ toolName: 'get_recent_changes', leftToModel: true });
    // Another root system: the same plan, compared without the data-dependent input.
    const other = abstractPlan({ steps: debugRun('ERR-7', 'auth'), slots: extractSlots('Debug ERR-7 across auth, api-gateway and billing').slots, user: 'u2' });
    expect(plansAgree(plan, other)).toBe(true);
  });

  it('does not mark a reference to the only call of its tool', () => {
    const steps: ObservedStep[] = [[read('find_user', { name: 'Dana Smith' }, { matches: [{ id: 'u0101' }] })], [read('lookup_user', { userId: 'u0101' })]];
    const plan = abstractPlan({ steps, slots: extractSlots("What's Dana Smith's manager?").slots, user: 'u1' });
    expect(plan[1]![0]!.leftToModel).toBeUndefined();
  });

  it('learns that a reference is data-dependent when a second run picked another result', () => {
    const pick = (index: number): ObservedStep[] => [
      [read('find_suspects', { errorCode: 'ERR-1' }, { suspects: [{ system: 'auth' }, { system: 'billing' }] })],
      [read('get_recent_changes', { system: index === 0 ? 'auth' : 'billing' })],
    ];
    const slots = extractSlots('What broke ERR-1?').slots;
    const first = abstractPlan({ steps: pick(0), slots, user: 'u1' });
    const second = abstractPlan({ steps: pick(1), slots, user: 'u1' });
    expect(plansAgree(first, second)).toBe(false);
    const marked = markDataDependent(first, second)!;
    expect(marked[1]![0]!.leftToModel).toBe(true);
    expect(plansAgree(marked, second)).toBe(true);
    // Another tool, or a difference that is not a reference, is a different plan.
    expect(markDataDependent(first, abstractPlan({ steps: [pick(0)[0]!, [read('get_recent_changes', { system: 'mainframe' })]], slots, user: 'u1' }))).toBeUndefined();
  });

  it('reuses the derivable first wave and leaves the dependent call to the model', () => {
    const plans = createPlanCache();
    const observe = (errorCode: string, root: (typeof systems)[number], user: string) =>
      plans.observe({ namespace, text: `Debug ${errorCode} across auth, api-gateway and billing`, user, steps: debugRun(errorCode, root), mode: 'observed' });
    observe('ERR-1', 'billing', 'u1');
    observe('ERR-2', 'auth', 'u2');
    observe('ERR-3', 'api-gateway', 'u3');
    const prediction = plans.predict({ namespace, text: 'Debug ERR-5521 across auth, api-gateway and billing', user: 'u4' })!;
    expect(prediction.confidence).toMatchObject({ trials: 2, matches: 2 });
    expect(prediction.reusable).toBe(true);
    expect(prediction.readOnlyCalls.map((call) => call.input)).toEqual(systems.map((system) => ({ system, errorCode: 'ERR-5521' })));
    expect(prediction.steps[1]![0]).toMatchObject({ toolName: 'get_recent_changes', derivable: false, leftToModel: true, input: undefined });
    // The reused run: the waves prefilled, the model picked the changes itself. The plan stands.
    plans.observe({ namespace, text: 'Debug ERR-5521 across auth, api-gateway and billing', user: 'u4', steps: debugRun('ERR-5521', 'auth'), mode: 'reused', prediction });
    expect(plans.stats()).toMatchObject({ mismatched: 0 });
    expect(plans.predict({ namespace, text: 'Debug ERR-6 across auth, api-gateway and billing', user: 'u5' })!.reusable).toBe(true);
  });
});
