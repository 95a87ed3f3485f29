import { describe, expect, it } from 'vitest';
import type { BrainInput, BrainMessage, BrainOutput } from '../../brain/index.js';
import { createRandom } from '../../random/index.js';
import { helpText } from './service-desk-answers.js';
import { refusalText, vagueAnswerText } from './brain-failure.js';
import { serviceDeskCatalog } from './service-desk-catalog.js';
import { createServiceDeskDomain } from './service-desk-domain.js';

const domain = createServiceDeskDomain({ seed: 7, clock: { now: () => Date.now() } });
const allTools = serviceDeskCatalog.map((entry) => ({ name: entry.name }));
const user = domain.data.users[5]!;
const ticket = domain.data.tickets.find((candidate) => candidate.requester === user.id)!;

function input(messages: BrainMessage[], overrides: Partial<BrainInput> = {}): BrainInput {
  return {
    model: 'm', tier: 'fast', failureRate: { simple: 0, complex: 0 }, verbosity: 1, tools: allTools,
    random: createRandom('brain-test'), messages, ...overrides,
  };
}

const conversation = (text: string): BrainMessage[] => [
  { role: 'system', text: `You help employees.\nCurrent user: ${user.id}` },
  { role: 'user', text },
];

/** A first turn of a ticket-status request is correct when it is the three valid, declared calls. */
function isDetectableFailure(output: BrainOutput, declared: Set<string>): boolean {
  if (output.type === 'text') return output.text === refusalText || output.text === vagueAnswerText;
  return output.calls.some((call) => {
    if (!declared.has(call.name)) return true;
    try {
      return Object.keys(JSON.parse(call.arguments) as object).length === 0;
    } catch {
      return true;
    }
  });
}

describe('service desk brain', () => {
  it('calls the three independent lookups of a ticket-status request together, as JSON arguments', () => {
    const output = domain.brain.respond(input(conversation(`What's the status of ${ticket.id}?`)));
    expect(output.type).toBe('tool-calls');
    if (output.type !== 'tool-calls') return;
    expect(output.calls.map((call) => [call.name, JSON.parse(call.arguments)])).toEqual([
      ['lookup_user', { userId: user.id }],
      ['get_ticket_status', { ticketId: ticket.id }],
      ['check_permissions', { userId: user.id, resource: ticket.id }],
    ]);
  });

  for (const [complexity, text, rate] of [
    ['simple', `What's the status of ${ticket.id}?`, 0.3],
    ['complex', 'Debug ERR-5521 across auth, api-gateway and billing', 0.5],
  ] as const) {
    it(`fails detectably at the configured ${complexity} rate, in every mode`, () => {
      const declared = new Set(allTools.map((tool) => tool.name));
      let failures = 0;
      const shapes = new Set<string>();
      const trials = 1500;
      for (let trial = 0; trial < trials; trial++) {
        const output = domain.brain.respond(input(conversation(text), {
          failureRate: { simple: complexity === 'simple' ? rate : 0, complex: complexity === 'complex' ? rate : 0 },
          random: createRandom('rate', complexity, trial),
        }));
        if (isDetectableFailure(output, declared)) {
          failures++;
          shapes.add(output.type === 'text' ? output.text.slice(0, 10) : output.calls[0]!.arguments === '{}' ? 'missing' : declared.has(output.calls[0]!.name) ? 'json' : 'name');
        }
      }
      expect(failures / trials).toBeGreaterThan(rate - 0.05);
      expect(failures / trials).toBeLessThan(rate + 0.05);
      expect(shapes.size).toBe(5);
    });
  }

  it('never fails with the powerful tier’s default failure rate of 0', () => {
    const declared = new Set(allTools.map((tool) => tool.name));
    for (let trial = 0; trial < 300; trial++) {
      const output = domain.brain.respond(input(conversation('Analyze the trend in P1 incidents this quarter'), { tier: 'powerful', random: createRandom('never', trial) }));
      expect(isDetectableFailure(output, declared)).toBe(false);
    }
  });

  it('uses only declared tools and answers without the missing ones', () => {
    const tools = allTools.filter((tool) => tool.name !== 'check_permissions' && tool.name !== 'lookup_user');
    const first = domain.brain.respond(input(conversation(`What's the status of ${ticket.id}?`), { tools }));
    expect(first.type === 'tool-calls' && first.calls.map((call) => call.name)).toEqual(['get_ticket_status']);
    const messages: BrainMessage[] = [
      ...conversation(`What's the status of ${ticket.id}?`),
      { role: 'assistant', text: '', toolCalls: [{ id: 't1', name: 'get_ticket_status', arguments: JSON.stringify({ ticketId: ticket.id }) }] },
      { role: 'tool', toolCallId: 't1', content: JSON.stringify({ id: ticket.id, status: 'On Hold', assignee: { id: ticket.assignee, name: 'X', email: '' } }) },
    ];
    const answer = domain.brain.respond(input(messages, { tools }));
    expect(answer.type === 'text' && answer.text).toContain(`${ticket.id} is On Hold`);
    const none = domain.brain.respond(input(conversation('Who is my manager?'), { tools: [] }));
    expect(none.type === 'text' && none.text).toMatch(/don't have access to lookup_user/);
  });

  it('says which lookup failed and answers with the rest', () => {
    const messages: BrainMessage[] = [
      ...conversation(`What's the status of ${ticket.id}?`),
      { role: 'assistant', text: '', toolCalls: [
        { id: 'a', name: 'lookup_user', arguments: JSON.stringify({ userId: user.id }) },
        { id: 'b', name: 'get_ticket_status', arguments: JSON.stringify({ ticketId: ticket.id }) },
        { id: 'c', name: 'check_permissions', arguments: JSON.stringify({ userId: user.id, resource: ticket.id }) },
      ] },
      { role: 'tool', toolCallId: 'a', content: JSON.stringify({ error: { code: 'unavailable', message: 'lookup_user is temporarily unavailable' } }), isError: true },
      { role: 'tool', toolCallId: 'b', content: JSON.stringify({ id: ticket.id, status: 'Resolved', assignee: { id: ticket.assignee } }) },
      { role: 'tool', toolCallId: 'c', content: JSON.stringify({ allowed: true, role: 'requester' }) },
    ];
    const output = domain.brain.respond(input(messages));
    expect(output.type).toBe('text');
    if (output.type !== 'text') return;
    expect(output.text).toContain(`${ticket.id} is Resolved`);
    expect(output.text).not.toContain(`Hi ${user.firstName}`);
    const failedTicket = structuredClone(messages);
    failedTicket[4] = { role: 'tool', toolCallId: 'b', content: 'upstream timeout', isError: true };
    const partial = domain.brain.respond(input(failedTicket));
    expect(partial.type === 'text' && partial.text).toMatch(/get_ticket_status failed/);
  });

  it('waits for the permission check before updating a ticket, and does not update without permission', () => {
    const text = `Please close ${ticket.id}.`;
    const first = domain.brain.respond(input(conversation(text)));
    expect(first.type === 'tool-calls' && first.calls.map((call) => call.name)).toEqual(['check_permissions']);
    const denied: BrainMessage[] = [
      ...conversation(text),
      { role: 'assistant', text: '', toolCalls: [{ id: 'p', name: 'check_permissions', arguments: JSON.stringify({ userId: user.id, resource: ticket.id }) }] },
      { role: 'tool', toolCallId: 'p', content: JSON.stringify({ allowed: false, role: 'none' }) },
    ];
    const answer = domain.brain.respond(input(denied));
    expect(answer.type === 'text' && answer.text).toMatch(/don't have permission/);
  });

  it('replies briefly without tools to unknown requests and asks who the user is when it must', () => {
    expect(domain.brain.respond(input(conversation('Tell me a joke about zebras')))).toEqual({ type: 'text', text: helpText, finishReason: 'stop' });
    const anonymous = domain.brain.respond(input([{ role: 'user', text: 'Who is my manager?' }]));
    expect(anonymous.type === 'text' && anonymous.text).toMatch(/user id/);
  });

  it('looks only at the messages after the last user message', () => {
    const messages: BrainMessage[] = [
      ...conversation('Who is my manager?'),
      { role: 'assistant', text: 'Your manager is someone.', toolCalls: [] },
      { role: 'user', text: `What's the status of ${ticket.id}?` },
    ];
    const output = domain.brain.respond(input(messages));
    expect(output.type === 'tool-calls' && output.calls).toHaveLength(3);
  });
});
