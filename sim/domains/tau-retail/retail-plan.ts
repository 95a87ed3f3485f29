// A tau-bench task's actions as a plan with dependencies. The actions are replayed on a scratch copy
// of the pristine database to get each one's result; then a call depends on the earlier calls whose
// results contain one of its argument values, and an argument found in no earlier result (nor in
// the instruction) makes it depend on every earlier call.

import type { PlannedCall } from '../../domain/index.js';
import { ToolCallError } from '../../tools-server/index.js';
import type { RetailDatabase, RetailTask } from './retail-data.js';
import { scratchRetailStore } from './retail-store.js';
import { retailTools } from './retail-tools.js';

export interface TaskReplay {
  plan: PlannedCall[];
  /** Each action's result body on the pristine database (error bodies for failing actions). */
  results: unknown[];
}

export function replayTask(task: RetailTask, database: RetailDatabase): TaskReplay {
  const store = scratchRetailStore(database);
  const instruction = task.instruction.toLowerCase();
  const results: unknown[] = [];
  const seen: Array<Set<string>> = [];
  const plan = task.actions.map((action, index): PlannedCall => {
    const dependsOn = new Set<number>();
    for (const value of argumentValues(action.kwargs)) {
      const found = seen.map((values, earlier) => (values.has(value) ? earlier : -1)).filter((earlier) => earlier >= 0);
      if (found.length > 0) found.forEach((earlier) => dependsOn.add(earlier));
      else if (!instruction.includes(value.toLowerCase())) for (let earlier = 0; earlier < index; earlier++) dependsOn.add(earlier);
    }
    const result = runAction(store, action.name, action.kwargs);
    results.push(result);
    seen.push(new Set(valuesOf(result)));
    return { name: action.name, arguments: action.kwargs, dependsOn: [...dependsOn].sort((left, right) => left - right) };
  });
  return { plan, results };
}

function runAction(store: ReturnType<typeof scratchRetailStore>, name: string, args: Record<string, unknown>): unknown {
  const tool = retailTools[name];
  if (!tool) return { error: { message: `unknown tool ${name}` } };
  try {
    return tool(store, args);
  } catch (error) {
    if (error instanceof ToolCallError) return { error: { code: error.code, message: error.message } };
    throw error;
  }
}

/** The non-empty scalar argument values (not the parameter names). */
function argumentValues(kwargs: Record<string, unknown>): string[] {
  return Object.values(kwargs).flatMap((value) => valuesOf(value));
}

/** Every non-empty scalar in a value, as text, plus object keys (variants are keyed by item id). */
export function valuesOf(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) valuesOf(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'version') continue;
      into.push(key);
      valuesOf(child, into);
    }
  } else if (value !== null && value !== undefined && String(value) !== '') {
    into.push(String(value));
  }
  return into;
}
