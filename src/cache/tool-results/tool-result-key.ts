// The cache key of a tool call: tool, tenant, user (for user-scoped tools) and canonical input, so
// nothing is ever shared across tenants, nor across users when the tool says its data is theirs.

import type { ToolContext } from '../../spec/index.js';
import { canonicalJson } from '../../util/index.js';
import type { ToolCachePlan } from './tool-cache-policy.js';

/** The key, or undefined when the call must not be cached (user-scoped data without a user). */
export function toolResultKey(options: { toolName: string; input: unknown; context: Pick<ToolContext, 'tenant' | 'user'>; plan: ToolCachePlan }): string | undefined {
  const { toolName, input, context, plan } = options;
  if (plan.scope === 'user' && context.user === undefined) return undefined;
  const user = plan.scope === 'user' ? context.user : null;
  return `tool:${canonicalJson([toolName, context.tenant ?? null, user, input])}`;
}
