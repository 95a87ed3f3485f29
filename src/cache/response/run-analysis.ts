// What a finished run's tool calls say about caching its answer: whether it acted (side effects),
// whose data it read (scope), which data it depends on (tags from the tools' `reads` templates,
// versions when outputs carry one), how long that data stays fresh, and its plan (the normalised read
// calls), which is both the entry's pattern and the yardstick of calibration outcomes.

import type { ToolMetadata } from '../../spec/index.js';
import { canonicalJson, renderTags } from '../../util/index.js';

/** The parts of a tool's metadata caching decisions need. */
export type ToolEvidenceMetadata = Pick<ToolMetadata, 'readOnly' | 'cache' | 'reads' | 'writes'>;

export interface ToolCallEvidence {
  toolName: string;
  input: unknown;
  output?: unknown;
  failed: boolean;
  /** Undefined when the tool is unknown: treated as side-effecting. */
  tool: ToolEvidenceMetadata | undefined;
}

export interface RunAnalysis {
  sideEffects: boolean;
  failed: boolean;
  userScoped: boolean;
  tags: string[];
  /** Tags of data read by tools that declare no `reads`: only a TTL protects those. */
  untagged: boolean;
  dependencies: Array<{ key: string; version: number }>;
  /** The shortest result TTL among the tools read, when any declares one. */
  ttlMs: number | undefined;
  plan: string[];
  toolNames: string[];
}

/** The key a tool result's version is tracked under. */
export function dependencyKey(options: { tenant: string | undefined; toolName: string; input: unknown }): string {
  return `${options.tenant ?? ''}\u0000${options.toolName}\u0000${canonicalJson(options.input)}`;
}

/** "get_ticket_status {"ticketid":"inc-4821"}": case and key order do not make two plans differ. */
export function planStep(toolName: string, input: unknown): string {
  return `${toolName} ${canonicalJson(lowerStrings(input))}`;
}

function lowerStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.trim().toLowerCase();
  if (Array.isArray(value)) return value.map(lowerStrings);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.toLowerCase(), lowerStrings(inner)]));
}

function containsUser(value: unknown, user: string): boolean {
  if (typeof value === 'string') return value === user || value.split(/[^\w@.-]+/).includes(user);
  if (Array.isArray(value)) return value.some((inner) => containsUser(inner, user));
  if (value !== null && typeof value === 'object') return Object.values(value).some((inner) => containsUser(inner, user));
  return false;
}

export function analyzeRun(options: { calls: readonly ToolCallEvidence[]; user: string | undefined; tenant: string | undefined }): RunAnalysis {
  const { calls, user, tenant } = options;
  const tags = new Set<string>();
  const plan = new Set<string>();
  const toolNames = new Set<string>();
  const dependencies: RunAnalysis['dependencies'] = [];
  let sideEffects = false;
  let failed = false;
  let userScoped = false;
  let untagged = false;
  let ttlMs: number | undefined;
  for (const call of calls) {
    if (call.failed) failed = true;
    if (!call.tool || !call.tool.readOnly) {
      sideEffects = true;
      continue;
    }
    const { tool } = call;
    // A read-only tool without a tenant-wide cache policy is treated as returning per-user data.
    if (tool.cache?.scope !== 'tenant' || (user !== undefined && containsUser(call.input, user))) userScoped = true;
    const rendered = renderTags(tool.reads, call.input);
    if (rendered.length === 0) {
      untagged = true;
      tags.add(`tool:${call.toolName}`);
    }
    for (const tag of rendered) tags.add(tag);
    if (tool.cache?.ttlMs !== undefined) ttlMs = Math.min(ttlMs ?? Number.POSITIVE_INFINITY, tool.cache.ttlMs);
    const version = (call.output as { version?: unknown } | null | undefined)?.version;
    if (typeof version === 'number' && Number.isFinite(version)) {
      dependencies.push({ key: dependencyKey({ tenant, toolName: call.toolName, input: call.input }), version });
    }
    plan.add(planStep(call.toolName, call.input));
    toolNames.add(call.toolName);
  }
  return {
    sideEffects,
    failed,
    userScoped,
    tags: [...tags],
    untagged,
    dependencies,
    ttlMs,
    plan: [...plan].sort(),
    toolNames: [...toolNames].sort(),
  };
}
