// Facts about a conversation in the brain's neutral form, the same whichever protocol carried it.

import type { BrainMessage, BrainToolSpec } from '../brain/index.js';
import { hashKey } from '../random/index.js';
import { countTokens } from './tokenizer.js';

/** The number of assistant messages so far: 0 for the first model call of a request. */
export function assistantTurns(messages: readonly BrainMessage[]): number {
  let turns = 0;
  for (const message of messages) if (message.role === 'assistant') turns++;
  return turns;
}

/**
 * A key for requests that carry no x-request-id: a hash of the first user message, so two
 * content-identical conversations share their samples whoever sends them.
 */
export function conversationKey(messages: readonly BrainMessage[]): string {
  const firstUser = messages.find((message) => message.role === 'user');
  return `conv-${hashKey('conversation', firstUser?.text ?? '').toString(36)}`;
}

/** Input tokens: every message's text, tool calls and results, and the declared tool schemas. */
export function countInputTokens(messages: readonly BrainMessage[], tools: readonly BrainToolSpec[]): number {
  let tokens = 0;
  for (const message of messages) {
    if (message.role === 'tool') {
      tokens += countTokens(message.content);
      continue;
    }
    tokens += countTokens(message.text);
    if (message.role === 'assistant') {
      for (const call of message.toolCalls) tokens += countTokens(call.name) + countTokens(call.arguments);
    }
  }
  for (const tool of tools) {
    tokens += countTokens(JSON.stringify({ name: tool.name, description: tool.description, parameters: tool.parameters }));
  }
  return tokens;
}

/** Gives tool results the name of the call they answer (the brain reads results by tool). */
export function nameToolResults(messages: BrainMessage[]): BrainMessage[] {
  const names = new Map<string, string>();
  return messages.map((message) => {
    if (message.role === 'assistant') for (const call of message.toolCalls) names.set(call.id, call.name);
    if (message.role === 'tool' && message.name === undefined) {
      const name = names.get(message.toolCallId);
      if (name !== undefined) return { ...message, name };
    }
    return message;
  });
}

/** The tools the model may call: none for tool choice "none", only the named one when one is forced. */
export function callableTools(tools: BrainToolSpec[], choice: { none: boolean; name?: string }): BrainToolSpec[] {
  if (choice.none) return [];
  if (choice.name !== undefined) return tools.filter((tool) => tool.name === choice.name);
  return tools;
}
