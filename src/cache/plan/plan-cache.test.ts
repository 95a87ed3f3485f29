import { describe, expect, it } from 'vitest';
import { extractSlots } from '../slots/index.js';
import { abstractPlan } from './abstract-plan.js';
import { createPlanCache, type PlanCache } from './plan-cache.js';
import type { ObservedCall, ObservedStep } from './plan-types.js';

const namespace = 'tenant-a:agent';
const read = (toolName: string, input: Record<string, unknown>, output: unknown = { ok: true }): ObservedCall => ({ toolName, input, output, failed: false, readOnly: true });
const write = (toolName: string, input: Record<string, unknown>): ObservedCall => ({ toolName, input, output: { ok: true }, failed: false, readOnly: false });

function ticketRun(ticketId: string, user = 'u0042'): ObservedStep[] {
  return [[read('get_ticket_status', { ticketId }, { id: ticketId, status: 'open' }), read('check_permissions', { userId: user, resource: ticketId })]];
}

/** Observes the same pattern `times` times with different tickets, as the model planned it. */
function teach(plans: PlanCache, times: number, users = ['u0042']) {
  for (let index = 0; index < times; index++) {
    const ticketId = `INC-${1000 + index}`;
    const user = users[index % users.length]!;
    plans.observe({ namespace, text: `What's the status of ${ticketId}?`, user, steps: ticketRun(ticketId, user), mode: 'observed' });
  }
}

describe('abstractPlan', () => {
  it('expresses inputs through slots, the user, earlier outputs and templates', () => {
    const text = "What's Dana Smith's email? Also set up VPN-2 for her.";
    const plan = abstractPlan({
      slots: extractSlots(text).slots,
      user: 'u0042',
      steps: [
        [read('find_user', { name: 'Dana Smith' }, { matches: [{ id: 'u0101', name: 'Dana Smith' }] }), read('whoami', { userId: 'u0042' })],
        [read('lookup_user', { userId: 'u0101' }), read('search_kb', { query: 'set up vpn-2 on a laptop', limit: 3 })],
      ],
    });
    expect(plan[0]![0]!.input).toEqual({ kind: 'object', fields: { name: { kind: 'slot', index: 0, form: 'raw' } } });
    expect(plan[0]![1]!.input).toEqual({ kind: 'object', fields: { userId: { kind: 'user' } } });
    expect(plan[1]![0]!.input).toEqual({ kind: 'object', fields: { userId: { kind: 'reference', call: 's0c0', path: 'matches.0.id' } } });
    expect(plan[1]![1]!.input).toEqual({
      kind: 'object',
      fields: { limit: { kind: 'literal', value: 3 }, query: { kind: 'template', parts: ['set up ', { index: 1, form: 'lower' }, ' on a laptop'] } },
    });
  });
});

describe('createPlanCache', () => {
  it('predicts nothing for an unknown pattern', () => {
    expect(createPlanCache().predict({ namespace, text: "What's the status of INC-1?" })).toBeUndefined();
  });

  it('predicts the same calls with the new slot values and the new user', () => {
    const plans = createPlanCache();
    teach(plans, 1);
    const prediction = plans.predict({ namespace, text: "What's the status of INC-4821?", user: 'u0077' })!;
    expect(prediction.pattern).toBe("what's the status of {id}");
    expect(prediction.readOnlyCalls.map((call) => [call.toolName, call.input])).toEqual([
      ['get_ticket_status', { ticketId: 'INC-4821' }],
      ['check_permissions', { resource: 'INC-4821', userId: 'u0077' }],
    ]);
    expect(prediction.reusable).toBe(false);
  });

  it('reuses a plan after one match when every input derives from the request unambiguously', () => {
    const plans = createPlanCache();
    teach(plans, 1);
    expect(plans.predict({ namespace, text: "What's the status of INC-9?", user: 'u1' })!.reusable).toBe(false);
    teach(plans, 1);
    const prediction = plans.predict({ namespace, text: "What's the status of INC-9?", user: 'u1' })!;
    expect(prediction.confidence).toMatchObject({ trials: 1, matches: 1 });
    expect(prediction.reusable).toBe(true);
  });

  it('needs minMatches and reuseConfidence when a value could be read two ways', () => {
    const plans = createPlanCache({ minMatches: 2, reuseConfidence: 0.75 });
    // The request names the asker's own id: "u0042" could be the user or the slot.
    const observe = (ticketId: string) =>
      plans.observe({ namespace, text: `What's the status of ${ticketId} for u0042?`, user: 'u0042', steps: ticketRun(ticketId, 'u0042'), mode: 'observed' });
    observe('INC-1');
    observe('INC-2');
    expect(plans.predict({ namespace, text: "What's the status of INC-9 for u0042?", user: 'u0042' })!).toMatchObject({ reusable: false, confidence: { matches: 1 } });
    observe('INC-3');
    expect(plans.predict({ namespace, text: "What's the status of INC-9 for u0042?", user: 'u0042' })!).toMatchObject({ reusable: true, confidence: { matches: 2 } });
  });

  it('does not take the one-match shortcut after a mismatch', () => {
    const plans = createPlanCache();
    teach(plans, 1);
    plans.observe({ namespace, text: "What's the status of INC-5?", user: 'u1', steps: [[read('get_ticket_status', { ticketId: 'INC-5' })]], mode: 'speculated' });
    plans.observe({ namespace, text: "What's the status of INC-6?", user: 'u1', steps: [[read('get_ticket_status', { ticketId: 'INC-6' })]], mode: 'speculated' });
    // One match in two trials: 0.5, below both bars.
    expect(plans.predict({ namespace, text: "What's the status of INC-7?", user: 'u1' })!).toMatchObject({ reusable: false, confidence: { trials: 2, matches: 1 } });
  });

  it('loses confidence when the model chooses otherwise, and learns the new plan', () => {
    const plans = createPlanCache();
    teach(plans, 3);
    plans.observe({ namespace, text: "What's the status of INC-5?", user: 'u1', steps: [[read('get_ticket_status', { ticketId: 'INC-5' })]], mode: 'speculated' });
    const prediction = plans.predict({ namespace, text: "What's the status of INC-6?", user: 'u1' })!;
    expect(prediction.confidence).toMatchObject({ trials: 3, matches: 2 });
    expect(prediction.readOnlyCalls.map((call) => call.toolName)).toEqual(['get_ticket_status']);
  });

  it('does not reuse a plan whose input cannot be derived from the new request', () => {
    const plans = createPlanCache({ minMatches: 0, reuseConfidence: 0 });
    // The model looked up a ticket the request does not name: nothing in a new request yields it.
    plans.observe({ namespace, text: 'Is my laptop fixed?', user: 'u1', steps: [[read('get_ticket_status', { ticketId: 'INC-7777' })]], mode: 'observed' });
    const prediction = plans.predict({ namespace, text: 'Is my laptop fixed?', user: 'u2' })!;
    expect(prediction.steps[0]![0]).toMatchObject({ derivable: false, input: undefined });
    expect(prediction.readOnlyCalls).toEqual([]);
    expect(prediction.reusable).toBe(false);
  });

  it('does not derive a user from a request without one', () => {
    const plans = createPlanCache({ minMatches: 0, reuseConfidence: 0 });
    plans.observe({ namespace, text: 'Who is my manager?', user: 'u1', steps: [[read('lookup_user', { userId: 'u1' })]], mode: 'observed' });
    expect(plans.predict({ namespace, text: 'Who is my manager?', user: 'u2' })!.readOnlyCalls[0]!.input).toEqual({ userId: 'u2' });
    expect(plans.predict({ namespace, text: 'Who is my manager?' })!.readOnlyCalls).toEqual([]);
  });

  it('reuses a literal only once it stayed the same across users, and only with slot values seen with it', () => {
    const plans = createPlanCache({ minMatches: 0, reuseConfidence: 0 });
    const trend = (priority: string, period: 'this quarter' | 'last quarter', user: string, quarter: string) =>
      plans.observe({
        namespace,
        text: `Analyze ${priority} incidents ${period}`,
        user,
        steps: [[read('get_incident_history', { priority, quarter })]],
        mode: 'observed',
      });
    trend('P1', 'this quarter', 'u1', 'current');
    expect(plans.predict({ namespace, text: 'Analyze P2 incidents this quarter', user: 'u3' })!.readOnlyCalls).toEqual([]);
    trend('P2', 'this quarter', 'u2', 'current');
    expect(plans.predict({ namespace, text: 'Analyze P3 incidents this quarter', user: 'u3' })!.readOnlyCalls[0]!.input).toEqual({ priority: 'P3', quarter: 'current' });
    // "current" was only ever seen with "this quarter": it may well depend on it.
    expect(plans.predict({ namespace, text: 'Analyze P3 incidents last quarter', user: 'u3' })!.readOnlyCalls).toEqual([]);
  });

  it('never predicts a side-effecting call as runnable, and remembers that the pattern acts', () => {
    const plans = createPlanCache({ minMatches: 0, reuseConfidence: 0 });
    plans.observe({
      namespace,
      text: 'Please close INC-1.',
      user: 'u1',
      steps: [[read('get_ticket_status', { ticketId: 'INC-1' })], [write('update_ticket', { ticketId: 'INC-1', status: 'Closed' })]],
      mode: 'observed',
    });
    const prediction = plans.predict({ namespace, text: 'Please close INC-2.', user: 'u1' })!;
    expect(prediction.hasSideEffects).toBe(true);
    expect(prediction.reusable).toBe(false);
    expect(prediction.readOnlyCalls.map((call) => call.toolName)).toEqual(['get_ticket_status']);
    expect(prediction.steps[1]![0]).toMatchObject({ toolName: 'update_ticket', derivable: false });
    expect(plans.knowsSideEffects({ namespace, text: 'Please close INC-3.' })).toBe(true);
    expect(plans.knowsSideEffects({ namespace, text: "What's the status of INC-3?" })).toBe(false);
  });

  it('references earlier outputs as graph references', () => {
    const plans = createPlanCache({ minMatches: 0, reuseConfidence: 0 });
    plans.observe({
      namespace,
      text: "What's Dana Smith's email?",
      user: 'u1',
      steps: [[read('find_user', { name: 'Dana Smith' }, { matches: [{ id: 'u0101' }] })], [read('lookup_user', { userId: 'u0101' })]],
      mode: 'observed',
    });
    const prediction = plans.predict({ namespace, text: "What's John Lee's email?", user: 'u2' })!;
    expect(prediction.steps.map((step) => step.map((call) => call.input))).toEqual([[{ name: 'John Lee' }], [{ userId: { $ref: 's0c0', path: 'matches.0.id' } }]]);
    expect(prediction.reusable).toBe(true);
  });

  it('keeps patterns apart per namespace', () => {
    const plans = createPlanCache();
    teach(plans, 1);
    expect(plans.predict({ namespace: 'tenant-b:agent', text: "What's the status of INC-1?" })).toBeUndefined();
  });

  it('counts a reused run that needed more calls as a miss', () => {
    const plans = createPlanCache();
    teach(plans, 3);
    const prediction = plans.predict({ namespace, text: "What's the status of INC-8?", user: 'u0042' })!;
    plans.observe({ namespace, text: "What's the status of INC-8?", user: 'u0042', steps: [...ticketRun('INC-8'), [read('lookup_user', { userId: 'u0042' })]], mode: 'reused', prediction });
    expect(plans.predict({ namespace, text: "What's the status of INC-9?", user: 'u0042' })!.confidence).toMatchObject({ trials: 3, matches: 2 });
    plans.observe({ namespace, text: "What's the status of INC-9?", user: 'u0042', steps: [...ticketRun('INC-9'), [read('lookup_user', { userId: 'u0042' })]], mode: 'reused', prediction });
    expect(plans.patterns()[0]).toMatchObject({ reused: 2, calls: 3 });
  });

  it('forgets the least recently used patterns beyond maxPatterns', () => {
    const plans = createPlanCache({ maxPatterns: 1 });
    teach(plans, 1);
    plans.observe({ namespace, text: 'Who is my manager?', user: 'u1', steps: [[read('lookup_user', { userId: 'u1' })]], mode: 'observed' });
    expect(plans.patterns().map((pattern) => pattern.pattern)).toEqual(['who is my manager']);
    expect(() => createPlanCache({ minMatches: -1 })).toThrow(/"minMatches"/);
    expect(() => createPlanCache({ reuseConfidenceUnambiguous: 2 })).toThrow(/"reuseConfidenceUnambiguous"/);
    expect(() => createPlanCache({ generalization: { reuseSimilarity: 0.7, speculateSimilarity: 0.9 } })).toThrow(/"generalization.speculateSimilarity"/);
  });
});
