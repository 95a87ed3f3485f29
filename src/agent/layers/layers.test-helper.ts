// Test doubles for the layer tests: a rule-based model that plans tool calls from the request and
// answers from the results, a service-desk-like tool set with call logs, and a bag-of-words embedder.

import { z } from 'zod';
import type { EmbeddingModel, LanguageModel, ModelCallOptions, ModelStreamPart } from '../../spec/index.js';
import { tool } from '../../tools/index.js';
import { sleep } from '../../util/index.js';

export interface RuleModel extends LanguageModel {
  readonly calls: ModelCallOptions[];
}

type Plan = Array<{ name: string; input: Record<string, unknown> }>;

/**
 * Plans from the latest user message (rules below), answers once it has results. `extraStep` adds a
 * second planning step (after the first results) for requests it matches.
 */
export function ruleModel(options: { delayMs?: number; plan?: (text: string, user: string | undefined) => Plan; extraStep?: (text: string) => Plan } = {}): RuleModel {
  const calls: ModelCallOptions[] = [];
  const plan = options.plan ?? defaultPlan;
  let counter = 0;
  return {
    provider: 'test',
    modelId: 'rule-model',
    calls,
    async stream(callOptions) {
      calls.push(callOptions);
      const messages = callOptions.messages;
      const lastUser = messages.map((message) => message.role).lastIndexOf('user');
      const request = messages[lastUser]!.content;
      const results = messages.slice(lastUser + 1).filter((message) => message.role === 'tool');
      const assistantTurns = messages.slice(lastUser + 1).filter((message) => message.role === 'assistant').length;
      let parts: ModelStreamPart[];
      const extra = options.extraStep?.(request) ?? [];
      const planned = results.length === 0 ? plan(request, callOptions.user) : assistantTurns === 1 && extra.length > 0 ? extra : [];
      if (planned.length > 0) {
        parts = [
          ...planned.map((call): ModelStreamPart => ({ type: 'tool-call', toolCall: { id: `call_${++counter}`, name: call.name, input: JSON.stringify(call.input) } })),
          { type: 'finish', finishReason: 'tool-calls', usage: { inputTokens: 10, outputTokens: 10 } },
        ];
      } else {
        const answer = results.length === 0 ? `I can help with "${request}".` : `Here is what I found: ${results.map((message) => message.content).join(' | ')}`;
        parts = [
          { type: 'text-delta', delta: answer },
          { type: 'finish', finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 20 } },
        ];
      }
      const delayMs = options.delayMs ?? 0;
      return (async function* () {
        if (delayMs > 0) await sleep(delayMs, callOptions.signal);
        yield* parts;
      })();
    },
    async generate() {
      throw new Error('rule model only streams');
    },
  };
}

function defaultPlan(text: string, user: string | undefined): Plan {
  const ticket = /\b(INC-\d+)\b/i.exec(text)?.[1]?.toUpperCase();
  if (/^how do i|steps to/i.test(text)) return [{ name: 'search_kb', input: { query: text.toLowerCase().replace(/[^a-z ]/g, '').slice(0, 60) } }];
  if (/reset my password|new password/i.test(text)) return [{ name: 'reset_password', input: { userId: user } }];
  if (/close/i.test(text) && ticket) return [{ name: 'update_ticket', input: { ticketId: ticket, status: 'Closed' } }];
  if (ticket) return [{ name: 'get_ticket_status', input: { ticketId: ticket } }];
  if (/manager|report to/i.test(text)) return [{ name: 'lookup_user', input: { userId: user } }];
  return [];
}

export interface ToolLog {
  name: string;
  input: Record<string, unknown>;
  user: string | undefined;
  startedAt: number;
}

/** Tickets and users with versions; writes bump them. */
export function serviceDeskTools(options: { delayMs?: number; ticketScope?: 'tenant' | 'user' } = {}) {
  const log: ToolLog[] = [];
  const tickets = new Map<string, { status: string; version: number }>();
  const ticketOf = (id: string) => {
    let found = tickets.get(id);
    if (!found) tickets.set(id, (found = { status: 'Open', version: 1 }));
    return found;
  };
  const delay = () => sleep(options.delayMs ?? 5);
  const record = (name: string, input: Record<string, unknown>, user: string | undefined) => log.push({ name, input, user, startedAt: performance.now() });
  const tools = [
    tool({
      name: 'get_ticket_status',
      description: 'Gets a ticket',
      inputSchema: z.object({ ticketId: z.string() }),
      readOnly: true,
      idempotent: true,
      cache: { ttlMs: 60_000, scope: options.ticketScope ?? 'tenant' },
      reads: ['ticket:{ticketId}'],
      progress: 'looking up {ticketId}…',
      async execute(input, context) {
        record('get_ticket_status', input, context.user);
        await delay();
        const found = ticketOf(input.ticketId);
        return { id: input.ticketId, status: found.status, version: found.version };
      },
    }),
    tool({
      name: 'lookup_user',
      description: 'Looks up a user',
      inputSchema: z.object({ userId: z.string() }),
      readOnly: true,
      idempotent: true,
      cache: { ttlMs: 60_000, scope: 'tenant' },
      reads: ['user:{userId}'],
      async execute(input, context) {
        record('lookup_user', input, context.user);
        await delay();
        return { id: input.userId, manager: `manager-of-${input.userId}` };
      },
    }),
    tool({
      name: 'search_kb',
      description: 'Searches the knowledge base',
      inputSchema: z.object({ query: z.string() }),
      readOnly: true,
      idempotent: true,
      cache: { ttlMs: 60_000, scope: 'tenant' },
      reads: ['kb'],
      async execute(input, context) {
        record('search_kb', input, context.user);
        await delay();
        return { answer: 'Open the portal and choose "forgot password".' };
      },
    }),
    tool({
      name: 'reset_password',
      description: "Resets a user's password",
      inputSchema: z.object({ userId: z.string() }),
      readOnly: false,
      writes: ['user:{userId}'],
      async execute(input, context) {
        record('reset_password', input, context.user);
        await delay();
        return { sent: true };
      },
    }),
    tool({
      name: 'update_ticket',
      description: 'Changes a ticket',
      inputSchema: z.object({ ticketId: z.string(), status: z.string() }),
      readOnly: false,
      writes: ['ticket:{ticketId}'],
      async execute(input, context) {
        record('update_ticket', input, context.user);
        await delay();
        const found = ticketOf(input.ticketId);
        found.status = input.status;
        found.version++;
        return { id: input.ticketId, status: found.status };
      },
    }),
  ];
  return { tools, log, tickets };
}

/** A bag-of-words embedder: sentences sharing most words are close. */
export function wordEmbeddings(dimensions = 64): EmbeddingModel & { readonly calls: number } {
  let calls = 0;
  const embedOne = (text: string) => {
    const vector = new Float32Array(dimensions);
    for (const word of text.toLowerCase().match(/[a-z0-9-]+/g) ?? []) {
      let hash = 2166136261;
      for (let index = 0; index < word.length; index++) hash = Math.imul(hash ^ word.charCodeAt(index), 16777619);
      vector[Math.abs(hash) % dimensions]! += 1;
    }
    const norm = Math.hypot(...vector) || 1;
    return vector.map((value) => value / norm);
  };
  return {
    modelId: 'words',
    dimensions,
    get calls() {
      return calls;
    },
    async embed(texts) {
      calls++;
      return texts.map(embedOne);
    },
  };
}
