import { describe, expect, it } from 'vitest';
import { createPlanCache, type PlanCache } from './plan-cache.js';
import type { ObservedCall, ObservedStep } from './plan-types.js';

// Template vectors are given by hand: the cache only compares them. Cosines with `status`:
// `paraphrase` 0.95, `speculative` 0.75 (between the default thresholds), `far` 0.5.
const status = new Float32Array([1, 0, 0]);
const paraphrase = new Float32Array([0.95, Math.sqrt(1 - 0.95 ** 2), 0]);
const speculative = new Float32Array([0.75, Math.sqrt(1 - 0.75 ** 2), 0]);
const far = new Float32Array([0.5, Math.sqrt(1 - 0.5 ** 2), 0]);

const namespace = 'tenant-a:agent';
const read = (toolName: string, input: Record<string, unknown>, output: unknown = { ok: true }): ObservedCall => ({ toolName, input, output, failed: false, readOnly: true });
const write = (toolName: string, input: Record<string, unknown>): ObservedCall => ({ toolName, input, output: { ok: true }, failed: false, readOnly: false });

function statusRun(ticketId: string, user: string): ObservedStep[] {
  return [[read('get_ticket_status', { ticketId }, { id: ticketId, status: 'Open' }), read('check_permissions', { userId: user, resource: ticketId })]];
}

/** The status pattern, planned by the model twice (one match): confident. */
function teachStatus(plans: PlanCache) {
  for (const [index, ticketId] of ['INC-101', 'INC-102'].entries()) {
    plans.observe({ namespace, text: `What's the status of ${ticketId}?`, user: `u${index}`, templateVector: status, steps: statusRun(ticketId, `u${index}`), mode: 'observed' });
  }
}

describe('plans borrowed from similar templates', () => {
  it('reuses a confident plan for a paraphrase met for the first time, with its own values', () => {
    const plans = createPlanCache();
    teachStatus(plans);
    const prediction = plans.predict({ namespace, text: 'Any news on INC-4821?', user: 'u7', templateVector: paraphrase })!;
    expect(prediction).toMatchObject({ generalized: true, reusable: true, pattern: 'any news on {id}', matchedPattern: "what's the status of {id}" });
    expect(prediction.similarity).toBeCloseTo(0.95, 5);
    expect(prediction.readOnlyCalls.map((call) => call.input)).toEqual([{ ticketId: 'INC-4821' }, { resource: 'INC-4821', userId: 'u7' }]);
    expect(plans.stats()).toMatchObject({ generalized: 1, generalizedReusable: 1 });
  });

  it('without a template vector, or with generalisation off, matches exact templates only', () => {
    const plans = createPlanCache({ generalization: false });
    teachStatus(plans);
    expect(plans.predict({ namespace, text: 'Any news on INC-4821?', user: 'u7', templateVector: paraphrase })).toBeUndefined();
    const other = createPlanCache();
    teachStatus(other);
    expect(other.predict({ namespace, text: 'Any news on INC-4821?', user: 'u7' })).toBeUndefined();
  });

  it('only speculates a less similar template of the same slot kinds, and ignores a distant one', () => {
    const plans = createPlanCache();
    teachStatus(plans);
    // Another intent that also names one ticket: close enough to fetch its reads ahead, not to skip planning.
    const speculated = plans.predict({ namespace, text: 'Who is assigned to INC-5?', user: 'u7', templateVector: speculative })!;
    expect(speculated).toMatchObject({ generalized: true, reusable: false });
    expect(speculated.readOnlyCalls.map((call) => call.toolName)).toEqual(['get_ticket_status', 'check_permissions']);
    expect(plans.predict({ namespace, text: 'Which team owns INC-5?', user: 'u7', templateVector: far })).toBeUndefined();
  });

  it('never borrows across slot kinds, speech acts or namespaces', () => {
    const plans = createPlanCache();
    teachStatus(plans);
    expect(plans.predict({ namespace, text: 'Any news on INC-5 for Dana Smith?', user: 'u7', templateVector: paraphrase })).toBeUndefined();
    expect(plans.predict({ namespace, text: 'Please close INC-5.', user: 'u7', templateVector: paraphrase })).toBeUndefined();
    expect(plans.predict({ namespace: 'tenant-b:agent', text: 'Any news on INC-5?', user: 'u7', templateVector: paraphrase })).toBeUndefined();
  });

  it("prefers the template's own plan when the model planned it otherwise", () => {
    const plans = createPlanCache();
    teachStatus(plans);
    plans.observe({ namespace, text: 'Any news on INC-9?', user: 'u1', templateVector: paraphrase, steps: [[read('search_kb', { query: 'news' })]], mode: 'observed' });
    const prediction = plans.predict({ namespace, text: 'Any news on INC-10?', user: 'u1', templateVector: paraphrase })!;
    expect(prediction).toMatchObject({ generalized: false, reusable: false, matchedPattern: 'any news on {id}' });
  });

  it('stops reusing a borrowed plan once the model chose other calls for its paraphrases', () => {
    const plans = createPlanCache();
    teachStatus(plans);
    const first = plans.predict({ namespace, text: 'Any news on INC-20?', user: 'u1', templateVector: paraphrase })!;
    expect(first.reusable).toBe(true);
    // Run with speculation (exploration): the model's own plan was another.
    plans.observe({ namespace, text: 'Any news on INC-20?', user: 'u1', templateVector: paraphrase, steps: [[read('get_ticket_history', { ticketId: 'INC-20' })]], mode: 'speculated', prediction: first });
    expect(plans.patterns().find((pattern) => pattern.pattern === "what's the status of {id}")!.lent).toMatchObject({ trials: 1, matches: 0 });
    // Another paraphrase of the same plan: no longer reused, only speculated.
    const next = plans.predict({ namespace, text: 'Where are we with ticket INC-21?', user: 'u1', templateVector: paraphrase })!;
    expect(next).toMatchObject({ generalized: true, reusable: false });
    expect(plans.stats()).toMatchObject({ mismatched: 1 });
  });

  it('counts a reused borrowed plan the model had to extend as a lending miss', () => {
    const plans = createPlanCache();
    teachStatus(plans);
    const prediction = plans.predict({ namespace, text: 'Any news on INC-30?', user: 'u1', templateVector: paraphrase })!;
    plans.observe({
      namespace, text: 'Any news on INC-30?', user: 'u1', templateVector: paraphrase, mode: 'reused', prediction,
      steps: [...statusRun('INC-30', 'u1'), [read('lookup_user', { userId: 'u1' })]],
    });
    const lender = plans.patterns().find((pattern) => pattern.pattern === "what's the status of {id}")!;
    expect(lender).toMatchObject({ reused: 1, lent: { trials: 1, matches: 0 } });
    // The paraphrase learnt its own, longer plan.
    expect(plans.patterns().find((pattern) => pattern.pattern === 'any news on {id}')).toMatchObject({ calls: 3 });
    expect(plans.predict({ namespace, text: 'Any news on INC-31?', user: 'u1', templateVector: paraphrase })).toMatchObject({ generalized: false });
  });

  it('a reused borrowed plan the model needed nothing more for teaches the paraphrase the plan', () => {
    const plans = createPlanCache();
    teachStatus(plans);
    const prediction = plans.predict({ namespace, text: 'Any news on INC-40?', user: 'u1', templateVector: paraphrase })!;
    plans.observe({ namespace, text: 'Any news on INC-40?', user: 'u1', templateVector: paraphrase, mode: 'reused', prediction, steps: statusRun('INC-40', 'u1') });
    // No trial: the model saw the results already, its own first choice was not observed.
    expect(plans.stats()).toMatchObject({ matched: 0, mismatched: 0 });
    expect(plans.patterns().find((pattern) => pattern.pattern === 'any news on {id}')).toMatchObject({ calls: 2, confidence: { trials: 0 } });
    // Not confident on its own yet, but it agrees with the plan it borrowed: still reused.
    expect(plans.predict({ namespace, text: 'Any news on INC-41?', user: 'u2', templateVector: paraphrase })).toMatchObject({ generalized: true, reusable: true });
  });

  it("reuses a borrowed plan's fixed text only when its words are in the new template", () => {
    const plans = createPlanCache();
    const howTo = new Float32Array([0, 0, 1]);
    const howToParaphrase = new Float32Array([0, Math.sqrt(1 - 0.9 ** 2), 0.9]);
    // A literal: reused after two matches, once it stayed the same across users.
    for (const user of ['u1', 'u2', 'u3']) {
      plans.observe({ namespace, text: 'How do I reset my vpn token?', user, templateVector: howTo, steps: [[read('search_kb', { query: 'reset vpn token' })]], mode: 'observed' });
    }
    const same = plans.predict({ namespace, text: 'Hi, how can I reset my vpn token?', user: 'u3', templateVector: howToParaphrase })!;
    expect(same).toMatchObject({ generalized: true, reusable: true });
    expect(same.readOnlyCalls[0]!.input).toEqual({ query: 'reset vpn token' });
    // Close in wording, another subject: the query came from the other template's words.
    expect(plans.predict({ namespace, text: 'How do I reset my printer?', user: 'u3', templateVector: howToParaphrase })).toBeUndefined();
  });

  it("counts the model's choice for a paraphrase planned without borrowing: one plan seen on two phrasings is trusted for a third", () => {
    const plans = createPlanCache();
    plans.observe({ namespace, text: "What's the status of INC-101?", user: 'u1', templateVector: status, steps: statusRun('INC-101', 'u1'), mode: 'observed' });
    // Not trusted yet: seen once.
    expect(plans.predict({ namespace, text: 'Where are we with ticket INC-5?', user: 'u3', templateVector: paraphrase })).toMatchObject({ generalized: true, reusable: false });
    // Planned by the model without a borrowed plan (it was in flight, say): the same plan.
    plans.observe({ namespace, text: 'Any news on INC-102?', user: 'u2', templateVector: paraphrase, steps: statusRun('INC-102', 'u2'), mode: 'observed' });
    expect(plans.patterns().find((pattern) => pattern.pattern === "what's the status of {id}")!.lent).toMatchObject({ trials: 1, matches: 1 });
    expect(plans.predict({ namespace, text: 'Where are we with ticket INC-5?', user: 'u3', templateVector: paraphrase })).toMatchObject({ generalized: true, reusable: true });
  });

  it('stops lending a plan the model did not choose for a close paraphrase it planned alone', () => {
    const plans = createPlanCache();
    teachStatus(plans);
    plans.observe({ namespace, text: 'Any news on INC-102?', user: 'u2', templateVector: paraphrase, steps: [[read('get_ticket_history', { ticketId: 'INC-102' })]], mode: 'observed' });
    expect(plans.predict({ namespace, text: 'Where are we with ticket INC-5?', user: 'u3', templateVector: paraphrase })).toMatchObject({ generalized: true, reusable: false });
  });

  it('tells whether a similar template is known to borrow from (same namespace, slot kinds and speech act)', () => {
    const plans = createPlanCache();
    expect(plans.hasTemplatesLike({ namespace, text: 'Where are we with ticket INC-5?' })).toBe(false);
    plans.observe({ namespace, text: "What's the status of INC-101?", user: 'u1', templateVector: status, steps: statusRun('INC-101', 'u1'), mode: 'observed' });
    expect(plans.hasTemplatesLike({ namespace, text: 'Where are we with ticket INC-5?' })).toBe(true);
    // Its own template is not another one; other slot kinds, another namespace, no generalization: none.
    expect(plans.hasTemplatesLike({ namespace, text: "What's the status of INC-7?" })).toBe(false);
    expect(plans.hasTemplatesLike({ namespace, text: 'Where is my laptop order?' })).toBe(false);
    expect(plans.hasTemplatesLike({ namespace: 'other', text: 'Where are we with ticket INC-5?' })).toBe(false);
    const plain = createPlanCache({ generalization: false });
    plain.observe({ namespace, text: "What's the status of INC-101?", user: 'u1', templateVector: status, steps: statusRun('INC-101', 'u1'), mode: 'observed' });
    expect(plain.hasTemplatesLike({ namespace, text: 'Where are we with ticket INC-5?' })).toBe(false);
  });

  it('never runs a borrowed side-effecting call', () => {
    const plans = createPlanCache();
    const close = new Float32Array([0, 1, 0]);
    for (const [index, ticketId] of ['INC-1', 'INC-2', 'INC-3'].entries()) {
      plans.observe({
        namespace, text: `Please close ${ticketId}.`, user: `u${index}`, templateVector: close, mode: 'observed',
        steps: [[read('check_permissions', { userId: `u${index}`, resource: ticketId })], [write('update_ticket', { ticketId, status: 'Closed' })]],
      });
    }
    const prediction = plans.predict({ namespace, text: 'Hi, please close ticket INC-9, thanks!', user: 'u5', templateVector: close })!;
    expect(prediction).toMatchObject({ generalized: true, reusable: false, hasSideEffects: true });
    expect(prediction.readOnlyCalls.map((call) => call.toolName)).toEqual(['check_permissions']);
  });
});
