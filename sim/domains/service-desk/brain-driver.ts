// Plays an agent against a brain and a running tool server: send the conversation, execute the
// tool calls over HTTP, append the results, repeat until the brain answers. Tests use it for the
// generation ↔ brain round trip, the simulator's own checks use it to exercise a domain end to end.

import type { Brain, BrainMessage, BrainToolSpec } from '../../brain/index.js';
import type { ToolCatalogEntry } from '../../domain/index.js';
import { createRandom } from '../../random/index.js';

export interface DriveConversationOptions {
  brain: Brain;
  toolsUrl: string;
  catalog: readonly ToolCatalogEntry[];
  userId: string;
  text: string;
  /** Sent as x-request-id on every tool call ("<key>#<namespace>"). */
  requestId: string;
  tier?: 'fast' | 'powerful';
  failureRate?: { simple: number; complex: number };
  verbosity?: number;
  /** Tools declared to the brain; the whole catalog when omitted. */
  tools?: readonly string[];
  maxTurns?: number;
}

export interface DrivenConversation {
  /** The tool calls of each assistant turn, arguments parsed. */
  waves: Array<Array<{ name: string; arguments: Record<string, unknown> }>>;
  answer: string;
  messages: BrainMessage[];
}

export async function driveConversation(options: DriveConversationOptions): Promise<DrivenConversation> {
  const tools: BrainToolSpec[] = options.catalog
    .filter((entry) => options.tools === undefined || options.tools.includes(entry.name))
    .map((entry) => ({ name: entry.name, description: entry.description }));
  const messages: BrainMessage[] = [
    { role: 'system', text: `You are the IT service desk assistant.\nCurrent user: ${options.userId}` },
    { role: 'user', text: options.text },
  ];
  const waves: DrivenConversation['waves'] = [];
  for (let turn = 0; turn < (options.maxTurns ?? 8); turn++) {
    const output = options.brain.respond({
      model: 'test-model',
      tier: options.tier ?? 'powerful',
      failureRate: options.failureRate ?? { simple: 0, complex: 0 },
      verbosity: options.verbosity ?? 1,
      messages,
      tools,
      random: createRandom('driver', options.requestId, turn),
    });
    if (output.type === 'text') {
      messages.push({ role: 'assistant', text: output.text, toolCalls: [] });
      return { waves, answer: output.text, messages };
    }
    const calls = output.calls.map((call, index) => ({ id: `call_${turn}_${index}`, ...call }));
    messages.push({ role: 'assistant', text: output.text ?? '', toolCalls: calls });
    waves.push(calls.map((call) => ({ name: call.name, arguments: JSON.parse(call.arguments) as Record<string, unknown> })));
    const results = await Promise.all(calls.map((call) => callTool(options, call.name, JSON.parse(call.arguments) as Record<string, unknown>)));
    calls.forEach((call, index) => {
      messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content: results[index]!.content, isError: results[index]!.isError });
    });
  }
  throw new Error(`driveConversation: no answer after ${options.maxTurns ?? 8} turns`);
}

/** Calls one tool over HTTP following its catalog binding. */
export async function callTool(
  options: Pick<DriveConversationOptions, 'toolsUrl' | 'catalog' | 'requestId'>,
  name: string,
  args: Record<string, unknown>,
): Promise<{ status: number; content: string; isError: boolean }> {
  const entry = options.catalog.find((candidate) => candidate.name === name);
  if (!entry) return { status: 404, content: JSON.stringify({ error: { message: `unknown tool ${name}` } }), isError: true };
  const rest: Record<string, unknown> = { ...args };
  const path = entry.http.path.replace(/\{(\w+)\}/g, (_match, parameter: string) => {
    const value = rest[parameter];
    delete rest[parameter];
    return encodeURIComponent(String(value));
  });
  const url = new URL(`${options.toolsUrl}${path}`);
  const hasBody = entry.http.method !== 'GET' && entry.http.method !== 'DELETE';
  if (!hasBody) for (const [key, value] of Object.entries(rest)) url.searchParams.set(key, String(value));
  const response = await fetch(url, {
    method: entry.http.method,
    headers: { 'x-request-id': options.requestId, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    ...(hasBody ? { body: JSON.stringify(rest) } : {}),
  });
  const content = await response.text();
  return { status: response.status, content, isError: response.status >= 400 };
}
