// One contract every LanguageModel passes, whatever protocol and server sit behind it:
// `describeLanguageModelContract('openai-compatible / replay server', () => startHarness())`.
// The harness tells its server what the model should answer next and reports, protocol-neutrally,
// what the server received — so the same assertions hold for fixture servers and the simulator.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getModelCallTimings } from '../../src/providers/index.js';
import type { LanguageModel, ModelMessage, ModelStreamPart } from '../../src/spec/index.js';
import { HotpathError } from '../../src/util/index.js';

export type ContractAnswer =
  | { type: 'text'; text: string; finishReason?: 'stop' | 'length' }
  | { type: 'tool-calls'; calls: Array<{ name: string; arguments: string }>; text?: string };

/** A message as the provider's server received it. */
export type ReceivedMessage =
  | { role: 'system'; text: string }
  | { role: 'user'; text: string }
  | { role: 'assistant'; text: string; toolCalls: Array<{ id: string; name: string; arguments: string }> }
  | { role: 'tool'; toolCallId: string; content: string };

export interface ReceivedCall {
  messages: ReceivedMessage[];
  toolNames: string[];
}

export interface LanguageModelContractHarness {
  readonly model: LanguageModel;
  /** The server answers the following calls with this. */
  answer(answer: ContractAnswer): void;
  /** What the server received on the last model call. */
  lastCall(): ReceivedCall;
  close(): Promise<void>;
}

const ticketTool = {
  name: 'get_ticket_status',
  description: 'Reads the status of a ticket',
  inputSchema: { type: 'object', properties: { ticketId: { type: 'string' } }, required: ['ticketId'] },
};
const profileTool = {
  name: 'get_user_profile',
  description: 'Reads a user profile',
  inputSchema: { type: 'object', properties: { userId: { type: 'string' } }, required: ['userId'] },
};

async function collect(stream: AsyncIterable<ModelStreamPart>): Promise<ModelStreamPart[]> {
  const parts: ModelStreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

function textOf(parts: ModelStreamPart[]): string {
  return parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('');
}

function toolCallsOf(parts: ModelStreamPart[]) {
  return parts.flatMap((part) => (part.type === 'tool-call' ? [part.toolCall] : []));
}

export function describeLanguageModelContract(name: string, setup: () => Promise<LanguageModelContractHarness>): void {
  describe(`LanguageModel contract: ${name}`, () => {
    let harness: LanguageModelContractHarness;
    const ask = (content: string): ModelMessage[] => [{ role: 'user', content }];

    beforeAll(async () => {
      harness = await setup();
    });
    afterAll(async () => {
      await harness?.close();
    });

    it('streams a text answer: response-start, paired text parts, one finish with usage', async () => {
      harness.answer({ type: 'text', text: 'Ticket INC-4821 is in progress and assigned to the network team.' });
      const parts = await collect(await harness.model.stream({ messages: ask('Status of INC-4821?') }));
      expect(parts[0]).toMatchObject({ type: 'response-start', modelId: harness.model.modelId });
      expect(textOf(parts)).toBe('Ticket INC-4821 is in progress and assigned to the network team.');
      const types = parts.map((part) => part.type);
      expect(types.indexOf('text-start')).toBeLessThan(types.indexOf('text-delta'));
      expect(types.lastIndexOf('text-end')).toBeGreaterThan(types.lastIndexOf('text-delta'));
      expect(types.filter((type) => type === 'finish')).toHaveLength(1);
      expect(types.at(-1)).toBe('finish');
      expect(types).not.toContain('error');
      const finish = parts.at(-1) as Extract<ModelStreamPart, { type: 'finish' }>;
      expect(finish.finishReason).toBe('stop');
      expect(finish.usage.inputTokens).toBeGreaterThan(0);
      expect(finish.usage.outputTokens).toBeGreaterThan(0);
    });

    it('generate() returns the text answer', async () => {
      harness.answer({ type: 'text', text: 'Your password was reset.' });
      const result = await harness.model.generate({ messages: ask('Reset my password') });
      expect(result.text).toBe('Your password was reset.');
      expect(result.toolCalls).toEqual([]);
      expect(result.finishReason).toBe('stop');
      expect(result.usage.outputTokens).toBeGreaterThan(0);
      expect(result.modelId).not.toBe('');
    });

    it('streams parallel tool calls, each dispatched once with complete arguments', async () => {
      harness.answer({
        type: 'tool-calls',
        calls: [
          { name: 'get_ticket_status', arguments: '{"ticketId":"INC-4821"}' },
          { name: 'get_user_profile', arguments: '{"userId":"u0042"}' },
        ],
      });
      const parts = await collect(await harness.model.stream({ messages: ask('INC-4821 and my profile?'), tools: [ticketTool, profileTool] }));
      const calls = toolCallsOf(parts);
      expect(calls.map((call) => call.name)).toEqual(['get_ticket_status', 'get_user_profile']);
      expect(calls.map((call) => JSON.parse(call.input) as unknown)).toEqual([{ ticketId: 'INC-4821' }, { userId: 'u0042' }]);
      expect(new Set(calls.map((call) => call.id)).size).toBe(2);
      for (const call of calls) {
        expect(call.id).not.toBe('');
        const started = parts.findIndex((part) => part.type === 'tool-input-start' && part.id === call.id);
        const dispatched = parts.findIndex((part) => part.type === 'tool-call' && part.toolCall.id === call.id);
        expect(started).toBeGreaterThan(-1);
        expect(started).toBeLessThan(dispatched);
      }
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
      expect(harness.lastCall().toolNames).toEqual(['get_ticket_status', 'get_user_profile']);
    });

    it('generate() returns tool calls', async () => {
      harness.answer({ type: 'tool-calls', calls: [{ name: 'get_ticket_status', arguments: '{"ticketId":"INC-7"}' }] });
      const result = await harness.model.generate({ messages: ask('INC-7?'), tools: [ticketTool] });
      expect(result.toolCalls.map((call) => [call.name, JSON.parse(call.input) as unknown])).toEqual([['get_ticket_status', { ticketId: 'INC-7' }]]);
      expect(result.finishReason).toBe('tool-calls');
    });

    it('streams text before tool calls', async () => {
      harness.answer({ type: 'tool-calls', text: 'Let me check.', calls: [{ name: 'get_ticket_status', arguments: '{"ticketId":"INC-1"}' }] });
      const parts = await collect(await harness.model.stream({ messages: ask('INC-1?'), tools: [ticketTool] }));
      expect(textOf(parts)).toBe('Let me check.');
      expect(parts.findIndex((part) => part.type === 'text-end')).toBeLessThan(parts.findIndex((part) => part.type === 'tool-call'));
      expect(toolCallsOf(parts)).toHaveLength(1);
    });

    it('reports an answer cut by the token limit as "length"', async () => {
      harness.answer({ type: 'text', text: 'The VPN client needs', finishReason: 'length' });
      const parts = await collect(await harness.model.stream({ messages: ask('Explain the VPN setup') }));
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'length' });
    });

    it('sends the whole conversation: system text, tool calls and their results', async () => {
      harness.answer({ type: 'text', text: 'It is open.' });
      await collect(
        await harness.model.stream({
          messages: [
            { role: 'system', content: 'You are the service desk.' },
            { role: 'user', content: 'INC-1 and my profile?' },
            {
              role: 'assistant',
              content: '',
              toolCalls: [
                { id: 'call_a1', name: 'get_ticket_status', input: '{"ticketId":"INC-1"}' },
                { id: 'call_b2', name: 'get_user_profile', input: '{"userId":"u1"}' },
              ],
            },
            { role: 'tool', toolCallId: 'call_a1', toolName: 'get_ticket_status', content: '{"status":"open"}' },
            { role: 'tool', toolCallId: 'call_b2', toolName: 'get_user_profile', content: '{"name":"Ada"}' },
          ],
          tools: [ticketTool, profileTool],
        }),
      );
      const received = harness.lastCall().messages.map((message) =>
        message.role === 'assistant'
          ? { ...message, toolCalls: message.toolCalls.map((call) => ({ ...call, arguments: JSON.parse(call.arguments) as unknown })) }
          : message,
      );
      expect(received).toEqual([
        { role: 'system', text: 'You are the service desk.' },
        { role: 'user', text: 'INC-1 and my profile?' },
        {
          role: 'assistant',
          text: '',
          toolCalls: [
            { id: 'call_a1', name: 'get_ticket_status', arguments: { ticketId: 'INC-1' } },
            { id: 'call_b2', name: 'get_user_profile', arguments: { userId: 'u1' } },
          ],
        },
        { role: 'tool', toolCallId: 'call_a1', content: '{"status":"open"}' },
        { role: 'tool', toolCallId: 'call_b2', content: '{"name":"Ada"}' },
      ]);
    });

    it('rejects with HOTPATH_ABORTED when the call is aborted before it starts', async () => {
      harness.answer({ type: 'text', text: 'never' });
      const controller = new AbortController();
      controller.abort();
      const error = await harness.model.stream({ messages: ask('hello'), signal: controller.signal }).catch((reason: unknown) => reason);
      expect(HotpathError.isInstance(error)).toBe(true);
      expect((error as HotpathError).code).toBe('HOTPATH_ABORTED');
    });

    it('reports timings, and a second call reuses the connection', async () => {
      harness.answer({ type: 'text', text: 'One.' });
      const first = await harness.model.stream({ messages: ask('one') });
      await collect(first);
      const second = await harness.model.stream({ messages: ask('two') });
      await collect(second);
      const timings = getModelCallTimings(second);
      expect(timings).toMatchObject({ provider: harness.model.provider, modelId: harness.model.modelId, attempts: 1, connectionOpened: false });
      expect(timings!.responseStartMs).toBeGreaterThan(0);
      expect(timings!.firstTokenMs).toBeGreaterThanOrEqual(timings!.responseStartMs!);
      expect(timings!.totalMs).toBeGreaterThanOrEqual(timings!.firstTokenMs!);
    });
  });
}
