// The quality gate and escalation: every way a fast model visibly fails is caught before the caller
// sees anything, the step is redone on the powerful tier, and what the caller receives is the
// powerful model's output only. Output that passes is released early, and what that costs is measured.

import { describe, expect, it } from 'vitest';
import type { ModelMessage, ModelToolDeclaration } from '../spec/index.js';
import { createRouter } from './create-router.js';
import type { RouterOptions } from './router-options.js';
import type { QualityFailureKind } from './router-types.js';
import { fakeRun, readStep, stepRequest } from './test-support/fake-run.js';
import { scriptedDeployment, textAnswer, toolCallAnswer, type CallScript, type ScriptSource } from './test-support/scripted-deployment.js';

const ticketTool: ModelToolDeclaration = {
  name: 'get_ticket',
  description: 'Reads a ticket',
  inputSchema: { type: 'object', properties: { ticketId: { type: 'string' }, includeHistory: { type: 'boolean' } }, required: ['ticketId'], additionalProperties: false },
};
const question = "What's the status of INC-4821?";
const afterToolResults: ModelMessage[] = [
  { role: 'system', content: 'You are the IT service desk.' },
  { role: 'user', content: question },
  { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'get_ticket', input: '{"ticketId":"INC-4821"}' }] },
  { role: 'tool', toolCallId: 'c1', toolName: 'get_ticket', content: JSON.stringify({ id: 'INC-4821', status: 'In Progress', assignee: 'Bob Stone' }) },
];
const goodAnswer = 'INC-4821 is In Progress and assigned to Bob Stone. Let me know if there is anything else I can help with today.';
const powerfulCall = toolCallAnswer([{ id: 'p1', name: 'get_ticket', input: { ticketId: 'INC-4821' } }]);
const refusalText = "I'm not sure I can help with that. Could you rephrase it or contact the service desk directly?";

function setup(fastScript: ScriptSource, powerfulScript: ScriptSource = [textAnswer(goodAnswer)], options: Partial<RouterOptions> = {}) {
  const fast = scriptedDeployment({ modelId: 'small', script: fastScript });
  const powerful = scriptedDeployment({ modelId: 'large', script: powerfulScript });
  const router = createRouter({ tiers: [{ name: 'fast', deployments: [{ model: fast }] }, { name: 'powerful', deployments: [{ model: powerful }] }], ...options });
  return { fast, powerful, router };
}

/** Slow enough that the gate decides while the fast model is still streaming. */
const slowly = { tokenMs: 5 };

interface EscalationCase {
  kind: QualityFailureKind;
  fast: CallScript;
  messages?: ModelMessage[];
  powerful: CallScript;
  /** What the caller must never see. */
  hidden: string;
}

const cases: EscalationCase[] = [
  { kind: 'refusal', fast: textAnswer("I'm not sure I can help with that. Could you rephrase it or contact the service desk directly?", slowly), powerful: textAnswer(goodAnswer), hidden: 'not sure' },
  { kind: 'low-confidence', fast: textAnswer("I don't know which team owns that ticket, it could be anyone really at this point.", slowly), powerful: textAnswer(goodAnswer), hidden: "don't know" },
  { kind: 'empty-answer', fast: textAnswer(''), powerful: textAnswer(goodAnswer), hidden: '\u0000' },
  { kind: 'invalid-tool-json', fast: toolCallAnswer([{ name: 'get_ticket', input: '{"ticketId":"INC-48' }], { text: 'Let me check. ' }), powerful: powerfulCall, hidden: 'Let me check' },
  { kind: 'missing-tool-argument', fast: toolCallAnswer([{ name: 'get_ticket', input: '{}' }]), powerful: powerfulCall, hidden: '{}' },
  { kind: 'tool-schema-violation', fast: toolCallAnswer([{ name: 'get_ticket', input: { ticketId: 4821 } }]), powerful: powerfulCall, hidden: '4821}' },
  { kind: 'undeclared-tool', fast: toolCallAnswer([{ name: 'get_ticket_v2', input: { ticketId: 'INC-4821' } }]), powerful: powerfulCall, hidden: 'get_ticket_v2' },
  {
    kind: 'ignored-tool-results',
    fast: textAnswer("I've checked everything and it all appears to be in order on our side. Let me know if there's anything else you need.", slowly),
    messages: afterToolResults,
    powerful: textAnswer(goodAnswer),
    hidden: 'in order',
  },
];

describe('router: escalation on each failure kind', () => {
  it.each(cases)('$kind: redoes the step on the powerful tier and the caller sees only its output', async ({ kind, fast: fastScript, messages, powerful: powerfulScript, hidden }) => {
    const { fast, powerful, router } = setup([fastScript], [powerfulScript]);
    const run = fakeRun({ input: question });
    const result = await readStep(await router.stream(stepRequest(run, messages, [ticketTool])));
    const seen = JSON.stringify(result.parts);
    expect(seen).not.toContain(hidden);
    if (powerfulScript === powerfulCall) {
      expect(result.toolCalls).toEqual([{ id: 'p1', name: 'get_ticket', input: '{"ticketId":"INC-4821"}' }]);
      expect(result.text).toBe('');
    } else {
      expect(result.text).toBe(goodAnswer);
    }
    expect(fast.calls).toHaveLength(1);
    expect(powerful.calls).toHaveLength(1);
    expect(run.modelCalls.map(({ tier, escalated }) => ({ tier, escalated }))).toEqual([
      { tier: 'fast', escalated: undefined },
      { tier: 'powerful', escalated: true },
    ]);
    expect(router.stats()).toMatchObject({ escalations: 1, escalationsByKind: { [kind]: 1 }, answeredByTier: { fast: 0, powerful: 1 } });
  });

  it('a claimed lookup with no tool called (tools available) is escalated too', async () => {
    const { router } = setup([textAnswer("I've looked into it and everything appears to be in order on our side.", slowly)]);
    const result = await readStep(await router.stream(stepRequest(fakeRun({ input: question }), undefined, [ticketTool])));
    expect(result.text).toBe(goodAnswer);
    expect(router.stats().escalationsByKind['ignored-tool-results']).toBe(1);
  });

  it('cancels the failed fast call while it is still streaming', async () => {
    const refusal = "I'm not sure I can help with that. " + 'More words keep coming here. '.repeat(20);
    const { fast, router } = setup([textAnswer(refusal, { tokenMs: 10 })]);
    await readStep(await router.stream(stepRequest(fakeRun({ input: question }))));
    expect(fast.calls[0]?.aborted).toBe(true);
  });

  it('a single failure redoes only that step: the next step goes back to the fast tier', async () => {
    const { fast, powerful, router } = setup([toolCallAnswer([{ name: 'get_ticket_v2', input: {} }]), textAnswer(goodAnswer)], [powerfulCall]);
    const run = fakeRun({ input: question });
    await readStep(await router.stream(stepRequest(run, undefined, [ticketTool], 0)));
    const second = await readStep(await router.stream(stepRequest(run, afterToolResults, [ticketTool], 1)));
    expect(second.text).toBe(goodAnswer);
    expect([fast.calls.length, powerful.calls.length]).toEqual([2, 1]);
    expect(run.modelCalls.map((call) => [call.tier, call.escalated ?? false])).toEqual([['fast', false], ['powerful', true], ['fast', false]]);
  });

  it('after stickyAfter failures the rest of the run stays on the powerful tier', async () => {
    const { fast, powerful, router } = setup(
      [toolCallAnswer([{ name: 'get_ticket_v2', input: {} }]), textAnswer(refusalText)],
      [powerfulCall, textAnswer(goodAnswer), textAnswer(goodAnswer)],
    );
    const run = fakeRun({ input: question });
    await readStep(await router.stream(stepRequest(run, undefined, [ticketTool], 0)));
    await readStep(await router.stream(stepRequest(run, afterToolResults, [ticketTool], 1)));
    const third = await readStep(await router.stream(stepRequest(run, afterToolResults, [ticketTool], 2)));
    expect(third.text).toBe(goodAnswer);
    expect([fast.calls.length, powerful.calls.length]).toEqual([2, 3]);
    expect(run.modelCalls.map((call) => call.tier)).toEqual(['fast', 'powerful', 'fast', 'powerful', 'powerful']);
  });

  it('with stickyAfter 1, one failure keeps the run on the powerful tier', async () => {
    const { fast, powerful, router } = setup([toolCallAnswer([{ name: 'get_ticket_v2', input: {} }])], [powerfulCall, textAnswer(goodAnswer)], { escalation: { stickyAfter: 1 } });
    const run = fakeRun({ input: question });
    await readStep(await router.stream(stepRequest(run, undefined, [ticketTool], 0)));
    await readStep(await router.stream(stepRequest(run, afterToolResults, [ticketTool], 1)));
    expect([fast.calls.length, powerful.calls.length]).toEqual([1, 2]);
  });

  it('releases a failed answer rather than start a powerful call that cannot finish in time', async () => {
    const refusal = "I'm not sure I can help with that. Could you rephrase it?";
    const fast = scriptedDeployment({ modelId: 'small', script: [textAnswer(refusal)] });
    const powerful = scriptedDeployment({ modelId: 'large', script: [textAnswer(goodAnswer)] });
    const router = createRouter({
      tiers: [{ name: 'fast', deployments: [{ model: fast }] }, { name: 'powerful', deployments: [{ model: powerful, expected: { ttftMs: 5_000 } }] }],
    });
    const result = await readStep(await router.stream(stepRequest(fakeRun({ input: question, timeoutMs: 1_000 }))));
    expect(result.text).toBe(refusal);
    expect(powerful.calls).toHaveLength(0);
    expect(router.stats().escalationsSkippedForDeadline).toBe(1);
  });

  it('passes everything through when escalation is off', async () => {
    const refusal = "I'm not sure I can help with that.";
    const { powerful, router } = setup([textAnswer(refusal)], [textAnswer(goodAnswer)], { escalation: false });
    expect((await readStep(await router.stream(stepRequest(fakeRun({ input: question }))))).text).toBe(refusal);
    expect(powerful.calls).toHaveLength(0);
  });
});

describe('router: hold-back', () => {
  it('releases a passing answer after the first N tokens, before the model finished, and measures the cost', async () => {
    const answer = 'Hi Alice, your manager is Dana Reyes. ' + 'You can also find this in the self-service portal at any time. '.repeat(3);
    const { router } = setup([textAnswer(answer, { tokenMs: 15 })], [], { escalation: { holdBackTokens: 8 } });
    const startedAt = performance.now();
    const result = await readStep(await router.stream(stepRequest(fakeRun({ input: 'Who is my manager?' }))));
    expect(result.text).toBe(answer);
    const firstText = result.timeline.find((entry) => entry.part.type === 'text-delta')!.at;
    const finished = result.timeline.at(-1)!.at;
    // 8 tokens ≈ 32 characters ≈ 6 words of 15 ms: released long before the last of ~40 words.
    expect(firstText - startedAt).toBeLessThan((finished - startedAt) / 2);
    const holdBack = router.stats().holdBack;
    expect(holdBack.count).toBe(1);
    expect(holdBack.meanMs).toBeGreaterThan(40);
    expect(holdBack.meanMs).toBeLessThan(400);
  });

  it('releases an answer after tool calls as soon as it mentions a value from the results', async () => {
    const { router } = setup([textAnswer(goodAnswer + ' More words follow.'.repeat(10), { tokenMs: 10 })]);
    const result = await readStep(await router.stream(stepRequest(fakeRun({ input: question }), afterToolResults, [ticketTool])));
    const firstText = result.timeline.find((entry) => entry.part.type === 'text-delta')!.at;
    expect(result.timeline.at(-1)!.at - firstText).toBeGreaterThan(100);
    expect(router.stats().answeredByTier.fast).toBe(1);
  });

  it('passes a valid tool call on as soon as it is complete, before the message ends', async () => {
    const script = toolCallAnswer([{ name: 'get_ticket', input: { ticketId: 'INC-4821' } }]);
    script.parts!.splice(script.parts!.length - 1, 0, { type: 'delay', ms: 150 });
    const { router } = setup([script]);
    const result = await readStep(await router.stream(stepRequest(fakeRun({ input: question }), undefined, [ticketTool])));
    const call = result.timeline.find((entry) => entry.part.type === 'tool-call')!.at;
    expect(result.timeline.at(-1)!.at - call).toBeGreaterThan(100);
  });

  it('the last tier is never held back', async () => {
    const { router } = setup([textAnswer('unused')], [textAnswer("I'm not sure I can help with that.")]);
    const result = await readStep(await router.stream(stepRequest(fakeRun({ input: 'Analyze and compare the P1 trend across auth and billing, then explain why it changed' }))));
    expect(result.text).toBe("I'm not sure I can help with that.");
    expect(router.stats().holdBack.count).toBe(0);
  });

  it('a later invalid tool call after a released one is a late failure: the next step moves up, the one after comes back', async () => {
    const { powerful, router } = setup(
      [toolCallAnswer([{ id: 'a', name: 'get_ticket', input: { ticketId: 'INC-4821' } }, { id: 'b', name: 'get_ticket', input: '{"ticketId":' }]), textAnswer(goodAnswer)],
      [powerfulCall],
    );
    const run = fakeRun({ input: question });
    const first = await readStep(await router.stream(stepRequest(run, undefined, [ticketTool], 0)));
    expect(first.toolCalls.map((call) => call.id)).toEqual(['a', 'b']);
    expect(router.stats().lateFailures).toBe(1);
    await readStep(await router.stream(stepRequest(run, afterToolResults, [ticketTool], 1)));
    expect(powerful.calls).toHaveLength(1);
    await readStep(await router.stream(stepRequest(run, afterToolResults, [ticketTool], 2)));
    expect(run.modelCalls.map((call) => call.tier)).toEqual(['fast', 'powerful', 'fast']);
  });
});
