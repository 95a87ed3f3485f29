import { describe, expect, it } from 'vitest';
import { planOutput } from './output-plan.js';
import { countTokens, splitTokens } from './tokenizer.js';

const toolCallId = (index: number) => `call_${index}`;
const calls = [
  { name: 'get_ticket', arguments: '{"ticketId":"T-1"}' },
  { name: 'get_user', arguments: '{"userId":"U-2"}' },
];

describe('planOutput', () => {
  it('plans text token by token with finish reason stop', () => {
    const plan = planOutput({ output: { type: 'text', text: 'Hello there, friend.' }, parallelToolCalls: true, toolCallId });
    expect(plan.units.map((unit) => unit.kind === 'text' && unit.text)).toEqual(splitTokens('Hello there, friend.'));
    expect(plan.units.map((unit) => unit.endToken)).toEqual(plan.units.map((_, index) => index + 1));
    expect(plan.outputTokens).toBe(countTokens('Hello there, friend.'));
    expect(plan.finishReason).toBe('stop');
  });

  it('plans text, then each call\'s name and arguments, one call after the other', () => {
    const plan = planOutput({ output: { type: 'tool-calls', text: 'Checking.', calls }, parallelToolCalls: true, toolCallId });
    const kinds = plan.units.map((unit) => (unit.kind === 'text' ? 'text' : `${unit.kind}:${unit.index}`));
    const firstCallEnd = kinds.lastIndexOf('tool-arguments:0');
    expect(kinds.indexOf('tool-call-start:1')).toBe(firstCallEnd + 1);
    expect(plan.toolCalls).toEqual([
      { index: 0, id: 'call_0', name: 'get_ticket', arguments: calls[0]!.arguments, complete: true },
      { index: 1, id: 'call_1', name: 'get_user', arguments: calls[1]!.arguments, complete: true },
    ]);
    const expectedTokens = countTokens('Checking.') + calls.reduce((sum, call) => sum + countTokens(call.name) + countTokens(call.arguments), 0);
    expect(plan.outputTokens).toBe(expectedTokens);
    expect(plan.units.at(-1)?.endToken).toBe(expectedTokens);
    expect(plan.finishReason).toBe('tool-calls');
  });

  it('keeps only the first call when parallel calls are off', () => {
    const plan = planOutput({ output: { type: 'tool-calls', calls }, parallelToolCalls: false, toolCallId });
    expect(plan.toolCalls.map((call) => call.name)).toEqual(['get_ticket']);
  });

  it('cuts at max tokens with finish reason length, marking a cut call incomplete', () => {
    const text = planOutput({ output: { type: 'text', text: 'one two three four five' }, maxTokens: 2, parallelToolCalls: true, toolCallId });
    expect(text.text).toBe('one two');
    expect(text.outputTokens).toBe(2);
    expect(text.finishReason).toBe('length');

    const cut = planOutput({ output: { type: 'tool-calls', calls }, maxTokens: countTokens('get_ticket') + 2, parallelToolCalls: true, toolCallId });
    expect(cut.toolCalls).toHaveLength(1);
    expect(cut.toolCalls[0]?.complete).toBe(false);
    expect(cut.toolCalls[0]?.arguments).toBe(splitTokens(calls[0]!.arguments).slice(0, 2).join(''));
    expect(cut.finishReason).toBe('length');
  });

  it('passes on the brain\'s own length finish', () => {
    const plan = planOutput({ output: { type: 'text', text: 'cut', finishReason: 'length' }, parallelToolCalls: true, toolCallId });
    expect(plan.finishReason).toBe('length');
  });
});
