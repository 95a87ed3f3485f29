// What a brain needs from a conversation: the latest user message, who is asking (the system
// prompt's "Current user: <id>"), and the tool calls made since that message with their results.

import type { BrainMessage } from '../../brain/index.js';
import { canonicalJson } from '../../tools-server/index.js';

export interface ToolOutcome {
  ok: boolean;
  /** Parsed JSON body (also for errors, when it was JSON). */
  body: unknown;
  /** Short reason for a failed call. */
  error?: string;
}

export interface MadeCall {
  id: string;
  name: string;
  /** Canonical JSON of the arguments, or the raw text when it was not valid JSON. */
  argumentsKey: string;
  result?: ToolOutcome;
}

export interface Conversation {
  userText: string | undefined;
  currentUserId: string | undefined;
  calls: MadeCall[];
}

const currentUserPattern = /current user:\s*([A-Za-z0-9_.@-]+)/i;

export function readConversation(messages: readonly BrainMessage[]): Conversation {
  let currentUserId: string | undefined;
  let lastUser = -1;
  messages.forEach((message, index) => {
    if (message.role === 'system') {
      const match = currentUserPattern.exec(message.text);
      if (match) currentUserId = match[1];
    }
    if (message.role === 'user') lastUser = index;
  });
  const userMessage = lastUser >= 0 ? messages[lastUser] : undefined;
  const calls: MadeCall[] = [];
  const byId = new Map<string, MadeCall>();
  for (const message of messages.slice(lastUser + 1)) {
    if (message.role === 'assistant') {
      for (const call of message.toolCalls) {
        const made: MadeCall = { id: call.id, name: call.name, argumentsKey: argumentsKeyOf(call.arguments) };
        calls.push(made);
        byId.set(call.id, made);
      }
    } else if (message.role === 'tool') {
      const made = byId.get(message.toolCallId) ?? calls.find((call) => !call.result && (message.name === undefined || call.name === message.name));
      if (made) made.result = outcomeOf(message.content, message.isError === true);
    }
  }
  return { userText: userMessage?.role === 'user' ? userMessage.text : undefined, currentUserId, calls };
}

/** The result of the call with this name and arguments: the latest success, else the latest failure. */
export function findOutcome(calls: readonly MadeCall[], name: string, args: Record<string, unknown>): ToolOutcome | undefined {
  const key = canonicalJson(args);
  let failure: ToolOutcome | undefined;
  for (let index = calls.length - 1; index >= 0; index--) {
    const call = calls[index]!;
    if (call.name !== name || call.argumentsKey !== key || !call.result) continue;
    if (call.result.ok) return call.result;
    failure ??= call.result;
  }
  return failure;
}

/** How many times a competent model makes one call that keeps failing transiently before it gives up. */
export const maxToolAttempts = 3;

const transientStatuses = new Set([408, 429, 502, 503, 504]);
const transientMessage = /temporarily unavailable|try again|\bHTTP (?:408|429|502|503|504)\b/i;

/**
 * Whether a failed call failed for a passing reason (the service unavailable, a rate limit, a
 * timeout) that calling again can cure, as the error says ("temporarily unavailable, try again").
 * Agents report the tool's error in their own shape: `{ error: { status, message } }`, the raw body
 * (`{ error: { code: 'unavailable', … } }`), or a runtime's message quoting the HTTP status.
 */
export function isTransientFailure(outcome: ToolOutcome): boolean {
  if (outcome.ok) return false;
  const error = typeof outcome.body === 'object' && outcome.body !== null ? (outcome.body as Record<string, unknown>).error : undefined;
  if (typeof error === 'object' && error !== null) {
    const { status, code } = error as Record<string, unknown>;
    if (typeof status === 'number' && transientStatuses.has(status)) return true;
    if (code === 'unavailable') return true;
  }
  return transientMessage.test(outcome.error ?? '');
}

/** The failures at the end of a call's results, all transient and fewer than `maxToolAttempts`: call again. */
export function shouldRetry(results: readonly ToolOutcome[]): boolean {
  let trailing = 0;
  for (let index = results.length - 1; index >= 0 && !results[index]!.ok; index--) {
    if (!isTransientFailure(results[index]!)) return false;
    trailing++;
  }
  return trailing > 0 && trailing < maxToolAttempts;
}

export function argumentsKeyOf(text: string): string {
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    return text;
  }
}

function outcomeOf(content: string, isError: boolean): ToolOutcome {
  let body: unknown;
  try {
    body = JSON.parse(content);
  } catch {
    return { ok: false, body: content, error: content.slice(0, 200) || 'empty result' };
  }
  const errorField = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).error : undefined;
  if (isError || errorField !== undefined || typeof body !== 'object' || body === null) {
    const message = typeof errorField === 'object' && errorField !== null ? (errorField as Record<string, unknown>).message : errorField;
    return { ok: false, body, error: typeof message === 'string' ? message : content.slice(0, 200) };
  }
  return { ok: true, body };
}
