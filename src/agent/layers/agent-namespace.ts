// The namespace a run's cache entries live in: the tenant, plus a hash of everything that shapes an
// answer besides the request itself: the system prompt, the tool set, the conversation so far, and
// an agent key (model ids, say). Two agents, two configurations or two conversations never share.

import { createHash } from 'node:crypto';
import type { ToolExecutor } from '../../tools/index.js';
import type { RunContext } from '../run-context.js';

const toolSetHashes = new WeakMap<ToolExecutor, string>();

const hash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 24);

function toolSetHash(tools: ToolExecutor): string {
  let known = toolSetHashes.get(tools);
  if (known === undefined) {
    known = hash(JSON.stringify(tools.declarations()));
    toolSetHashes.set(tools, known);
  }
  return known;
}

export interface AgentNamespaceOptions {
  /** Anything else that distinguishes the agent (model ids, a version). */
  agentKey?: string;
  /**
   * Replace the asker's id in the system prompt with a placeholder, so per-user prompts share one
   * namespace. Right for plans (they abstract the user anyway), wrong for answers (an answer may
   * quote the prompt), so the response cache leaves it off.
   */
  abstractUser?: boolean;
}

export function agentNamespace(run: RunContext, options: AgentNamespaceOptions = {}): string {
  const parts: string[] = [options.agentKey ?? '', toolSetHash(run.tools)];
  // Everything before the request itself: the system prompt and the earlier turns.
  for (const message of run.conversation.slice(0, -1)) {
    let content = message.content;
    if (options.abstractUser && message.role === 'system' && run.user) content = content.split(run.user).join('\u0000user\u0000');
    parts.push(`${message.role}\u0001${content}${message.role === 'assistant' && message.toolCalls ? JSON.stringify(message.toolCalls) : ''}`);
  }
  return `${run.tenant ?? ''}:${hash(parts.join('\u0002'))}`;
}
