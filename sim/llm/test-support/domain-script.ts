// A tiny scripted conversation shared by the protocol tests: a text question, a question answered
// with two parallel tool calls, and a final answer once tool results are in.

import type { BrainInput, BrainOutput } from '../../brain/index.js';

export const ticketAnswer = 'Ticket T-1001 is open and assigned to Dana Whitfield — ETA 🚀 tomorrow.';
export const toolQuestion = 'Compare ticket T-1001 with the assignee workload.';
export const textQuestion = 'What is the status of T-1001?';
export const parallelCalls = [
  { name: 'get_ticket', arguments: JSON.stringify({ ticketId: 'T-1001', include: ['history', 'links'] }) },
  { name: 'get_user_workload', arguments: JSON.stringify({ userId: 'U-0042', window: { days: 14 } }) },
];
export const ticketTools = [
  { name: 'get_ticket', description: 'Fetch one ticket', parameters: { type: 'object', properties: { ticketId: { type: 'string' } }, required: ['ticketId'] } },
  { name: 'get_user_workload', description: 'Open tickets per user', parameters: { type: 'object', properties: { userId: { type: 'string' } } } },
];

export function answerTicketQuestions(input: BrainInput): BrainOutput {
  const last = input.messages[input.messages.length - 1];
  if (last?.role === 'tool') {
    const results = input.messages.filter((message) => message.role === 'tool').map((message) => `${message.name ?? '?'}=${message.content}`);
    return { type: 'text', text: `Summary from ${results.join('; ')}` };
  }
  const firstUser = input.messages.find((message) => message.role === 'user');
  if (firstUser?.text === toolQuestion && input.tools.length > 0) {
    return { type: 'tool-calls', calls: parallelCalls };
  }
  return { type: 'text', text: ticketAnswer };
}
