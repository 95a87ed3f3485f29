import { describe, expect, it } from 'vitest';
import type { ModelMessage, ModelToolDeclaration } from '../spec/index.js';
import { mentionsAny, turnToolResults } from './grounding-check.js';
import { checkRefusal, checkUnsupportedClaim, confirmsAction } from './refusal-check.js';
import { StepGate } from './step-gate.js';
import { checkToolCall } from './tool-call-check.js';

const ticketTool: ModelToolDeclaration = {
  name: 'get_ticket',
  description: 'Reads a ticket',
  inputSchema: {
    type: 'object',
    properties: { ticketId: { type: 'string' }, includeHistory: { type: 'boolean' }, priority: { enum: ['P1', 'P2'] } },
    required: ['ticketId'],
    additionalProperties: false,
  },
};

describe('refusal and low-confidence check', () => {
  it('flags refusals and hedging openings', () => {
    expect(checkRefusal("I'm not sure I can help with that. Could you rephrase it")?.kind).toBe('refusal');
    expect(checkRefusal('I’m sorry, but I can’t share that.')?.kind).toBe('refusal');
    expect(checkRefusal('I cannot assist with this request.')?.kind).toBe('refusal');
    expect(checkRefusal("I don't know which system caused it.")?.kind).toBe('low-confidence');
    expect(checkRefusal('Answer: nope', [/^answer: nope/i])?.kind).toBe('refusal');
  });

  it('passes ordinary answers and clarifying questions', () => {
    expect(checkRefusal('Hi Alice, INC-4821 is In Progress and assigned to Bob Stone.')).toBeUndefined();
    expect(checkRefusal('Could you tell me your user id (for example u0042) so I can look that up for you?')).toBeUndefined();
    expect(checkRefusal("You don't have access to INC-1, so I can't share its status.")).toBeUndefined();
  });

  it('flags a claimed lookup or action', () => {
    expect(checkUnsupportedClaim("I've looked into it and everything appears to be in order on our side.")?.kind).toBe('ignored-tool-results');
    expect(checkUnsupportedClaim("Done. I've sent a password reset link to your e-mail.")?.kind).toBe('ignored-tool-results');
    expect(checkUnsupportedClaim('Your manager is Dana Reyes.')).toBeUndefined();
  });

  it('recognises an action confirmation', () => {
    expect(confirmsAction('Done: INC-6715 is Closed now.')).toBe(true);
    expect(confirmsAction("I've added your comment to INC-2200.")).toBe(true);
    expect(confirmsAction('The ticket is still open.')).toBe(false);
  });
});

describe('tool call check', () => {
  it('passes a call matching the schema', () => {
    expect(checkToolCall({ id: '1', name: 'get_ticket', input: '{"ticketId":"INC-1","priority":"P1"}' }, [ticketTool])).toBeUndefined();
  });

  it('names each failure kind', () => {
    const check = (name: string, input: string) => checkToolCall({ id: '1', name, input }, [ticketTool])?.kind;
    expect(check('get_ticket_v2', '{"ticketId":"INC-1"}')).toBe('undeclared-tool');
    expect(check('get_ticket', '{"ticketId":"INC-1"')).toBe('invalid-tool-json');
    expect(check('get_ticket', '{}')).toBe('missing-tool-argument');
    expect(check('get_ticket', '')).toBe('missing-tool-argument');
    expect(check('get_ticket', '{"ticketId":42}')).toBe('tool-schema-violation');
    expect(check('get_ticket', '{"ticketId":"INC-1","priority":"P9"}')).toBe('tool-schema-violation');
    expect(check('get_ticket', '{"ticketId":"INC-1","extra":true}')).toBe('tool-schema-violation');
    expect(check('get_ticket', '[1,2]')).toBe('tool-schema-violation');
  });
});

describe('grounding check', () => {
  const turn = (results: Array<{ content: string; isError?: boolean }>): ModelMessage[] => [
    { role: 'system', content: 'You are the IT service desk. Current user: u0042.' },
    { role: 'user', content: "What's the status of INC-4821?" },
    { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'get_ticket', input: '{"ticketId":"INC-4821"}' }] },
    ...results.map((result, index) => ({ role: 'tool' as const, toolCallId: `c${index + 1}`, toolName: 'get_ticket', content: result.content, ...(result.isError ? { isError: true } : {}) })),
  ];

  it('collects salient values, leaving out what the user, the prompt or the call already said', () => {
    const context = turnToolResults(turn([{ content: JSON.stringify({ id: 'INC-4821', status: 'In Progress', assignee: { id: 'u0042', name: 'Bob Stone' }, count: 3, total: 214.37 }) }]));
    expect(context.kind).toBe('results');
    if (context.kind !== 'results') return;
    expect(context.grounding.values).toEqual(expect.arrayContaining(['in progress', 'bob stone', '214.37']));
    expect(context.grounding.values).not.toContain('inc-4821');
    expect(context.grounding.values).not.toContain('u0042');
    expect(context.grounding.values).not.toContain('3');
    expect(mentionsAny('INC-4821 is In Progress and assigned to Bob Stone.', context.grounding)).toBe(true);
    expect(mentionsAny("I've looked into it and everything appears to be in order.", context.grounding)).toBe(false);
  });

  it('matches whole words only', () => {
    const context = turnToolResults(turn([{ content: JSON.stringify({ department: 'Ops' }) }]));
    if (context.kind !== 'results') throw new Error('expected results');
    expect(mentionsAny('Stops at the door', context.grounding)).toBe(false);
    expect(mentionsAny('She works in Ops.', context.grounding)).toBe(true);
  });

  it('has nothing to judge without results, or when every call failed', () => {
    expect(turnToolResults([{ role: 'user', content: 'hi' }]).kind).toBe('none');
    expect(turnToolResults(turn([{ content: '{"error":{"code":"HOTPATH_TOOL_ERROR"}}', isError: true }])).kind).toBe('all-failed');
    expect(turnToolResults(turn([{ content: '{"ok":true}' }])).kind).toBe('unjudgeable');
    expect(turnToolResults(turn([{ content: 'plain text with INC-9999 and 2026-10-04 inside' }])).kind).toBe('results');
  });
});

describe('step gate on whole answers', () => {
  const tools = [ticketTool];
  const judge = (messages: ModelMessage[], text: string) => {
    const gate = new StepGate({ messages, tools, holdBackTokens: 10, refusal: true, toolCalls: true, grounding: true, refusalPatterns: [] });
    for (const part of [{ type: 'text-delta' as const, delta: text }, { type: 'finish' as const, finishReason: 'stop' as const, usage: { inputTokens: 1, outputTokens: 1 } }]) {
      const verdict = gate.push(part);
      if (verdict.action === 'fail') return verdict.failure.kind;
    }
    return 'passed';
  };
  const update: ModelMessage[] = [
    { role: 'user', content: 'Please close INC-6715.' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'u', name: 'get_ticket', input: '{"ticketId":"INC-6715","status":"Closed"}' }] },
  ];

  it('passes a confirmation that states what the model set, or confirms the action', () => {
    const result: ModelMessage = { role: 'tool', toolCallId: 'u', toolName: 'get_ticket', content: JSON.stringify({ id: 'INC-6715', status: 'Closed', updatedAt: '2026-11-25T09:59:18.830Z' }) };
    expect(judge([...update, result], 'INC-6715 is Closed now.')).toBe('passed');
    expect(judge([...update, result], "I've added your comment to INC-6715.")).toBe('passed');
    expect(judge([...update, result], 'Let me know if you need anything else.')).toBe('ignored-tool-results');
  });

  it('fails a claimed success when every tool call failed', () => {
    const failed: ModelMessage = { role: 'tool', toolCallId: 'u', toolName: 'get_ticket', content: '{"error":{"code":"HOTPATH_TOOL_ERROR"}}', isError: true };
    expect(judge([...update, failed], "I've looked into it and everything appears to be in order on our side.")).toBe('ignored-tool-results');
    expect(judge([...update, failed], "I couldn't update INC-6715 (get_ticket failed). Please try again.")).toBe('passed');
  });
});
