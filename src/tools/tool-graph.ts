// Dependency graphs of tool calls: a node's input may reference other nodes' outputs. The plan is
// checked before anything runs (unknown ids, dangling references, cycles are refused up front), and
// references are filled in from outputs once the nodes they point at have finished.

import { HotpathError } from '../util/index.js';
import { readPath } from '../util/index.js';
import type { ToolGraphNode, ToolOutputReference } from './tool-executor-types.js';

export interface ToolGraphPlan {
  /** Nodes ordered so that every node comes after the nodes it references. */
  order: ToolGraphNode[];
  /** Ids each node references. */
  dependencies: Map<string, string[]>;
}

export function isOutputReference(value: unknown): value is ToolOutputReference {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const { $ref, path } = value as Record<string, unknown>;
  return typeof $ref === 'string' && (path === undefined || typeof path === 'string') && keys.every((key) => key === '$ref' || key === 'path');
}

function collectReferences(value: unknown, found: Set<string>): Set<string> {
  if (isOutputReference(value)) found.add(value.$ref);
  else if (Array.isArray(value)) for (const item of value) collectReferences(item, found);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) collectReferences(item, found);
  return found;
}

function invalidGraph(message: string, details: Record<string, unknown>): HotpathError {
  return new HotpathError('HOTPATH_INVALID_ARGUMENT', `tool graph: ${message}`, { details });
}

export function planToolGraph(nodes: readonly ToolGraphNode[]): ToolGraphPlan {
  const byId = new Map<string, ToolGraphNode>();
  for (const node of nodes) {
    if (typeof node.id !== 'string' || node.id === '') throw invalidGraph('every node needs a non-empty id', { node });
    if (byId.has(node.id)) throw invalidGraph(`node id '${node.id}' is used twice`, { node: node.id });
    byId.set(node.id, node);
  }
  const dependencies = new Map<string, string[]>();
  for (const node of nodes) {
    const references = [...collectReferences(node.input, new Set())];
    for (const reference of references) {
      if (!byId.has(reference)) throw invalidGraph(`node '${node.id}' references '${reference}', which is not a node of this graph`, { node: node.id, reference });
      if (reference === node.id) throw invalidGraph(`node '${node.id}' references itself`, { node: node.id });
    }
    dependencies.set(node.id, references);
  }
  // Depth-first topological sort; a node met again while still on the path closes a cycle.
  const order: ToolGraphNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(id)), id];
      throw invalidGraph(`cycle ${cycle.join(' -> ')}`, { cycle });
    }
    state.set(id, 'visiting');
    for (const dependency of dependencies.get(id)!) visit(dependency, [...path, id]);
    state.set(id, 'done');
    order.push(byId.get(id)!);
  };
  for (const node of nodes) visit(node.id, []);
  return { order, dependencies };
}

/** The input with every reference replaced by the referenced output (or the value at its path). */
export function resolveReferences(input: unknown, outputs: ReadonlyMap<string, unknown>, nodeId: string): unknown {
  if (isOutputReference(input)) {
    const output = outputs.get(input.$ref);
    if (input.path === undefined || input.path === '') return output;
    const value = readPath(output, input.path);
    if (value === undefined) {
      throw new HotpathError('HOTPATH_TOOL_INPUT_INVALID', `node '${nodeId}' needs '${input.path}' from the output of '${input.$ref}', which has no such value`, {
        details: { node: nodeId, reference: input.$ref, path: input.path },
      });
    }
    return value;
  }
  if (Array.isArray(input)) return input.map((item) => resolveReferences(item, outputs, nodeId));
  if (input !== null && typeof input === 'object') {
    return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, resolveReferences(value, outputs, nodeId)]));
  }
  return input;
}
