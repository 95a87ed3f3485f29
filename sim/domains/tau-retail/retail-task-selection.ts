// Which tau-bench task each request of a run gets. An agent's namespace keeps its own writes for
// the whole run, so two requests of one run must never write the same order or user (nor read what
// another writes): tasks are taken in a seeded order and a task that conflicts with one already
// taken is skipped. After the conflict-free tasks run out, only read-only ones repeat.

import { createRandom } from '../../random/index.js';
import { retailWriteTools } from './retail-catalog.js';
import type { RetailTask } from './retail-data.js';

export interface SelectedTask {
  task: RetailTask;
  complexity: 'simple' | 'complex';
  writes: boolean;
}

export interface TaskSelection {
  /** Conflict-free tasks in hand-out order. */
  readonly distinct: readonly SelectedTask[];
  /** The task of the request with this ordinal; `kind` narrows to one complexity. */
  taskAt(index: number, kind?: 'simple' | 'complex'): SelectedTask;
}

export function taskComplexity(task: RetailTask): 'simple' | 'complex' {
  return task.actions.length >= 4 || task.actions.some((action) => retailWriteTools.has(action.name)) ? 'complex' : 'simple';
}

export function selectTasks(tasks: readonly RetailTask[], seed: number | string): TaskSelection {
  const order = tasks.map((_task, index) => index);
  const random = createRandom(seed, 'tau-retail-tasks');
  for (let index = order.length - 1; index > 0; index--) {
    const other = random.integer(index + 1);
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  const written = new Set<string>();
  const touched = new Set<string>();
  const distinct: SelectedTask[] = [];
  for (const taskIndex of order) {
    const task = tasks[taskIndex]!;
    const { reads, writes } = footprint(task);
    if ([...writes].some((key) => touched.has(key)) || [...reads].some((key) => written.has(key))) continue;
    writes.forEach((key) => written.add(key));
    [...reads, ...writes].forEach((key) => touched.add(key));
    distinct.push({ task, complexity: taskComplexity(task), writes: writes.size > 0 });
  }
  const byKind = (kind?: 'simple' | 'complex') => distinct.filter((selected) => kind === undefined || selected.complexity === kind);
  const lists = new Map<string, { all: SelectedTask[]; readOnly: SelectedTask[] }>();
  for (const kind of [undefined, 'simple', 'complex'] as const) {
    const all = byKind(kind);
    lists.set(String(kind), { all, readOnly: all.filter((selected) => !selected.writes) });
  }
  return {
    distinct,
    taskAt(index, kind) {
      const { all, readOnly } = lists.get(String(kind))!;
      if (all.length === 0) throw new RangeError(`no tau-retail task of kind ${kind}`);
      if (index < all.length) return all[index]!;
      const repeats = readOnly.length > 0 ? readOnly : all;
      return repeats[(index - all.length) % repeats.length]!;
    },
  };
}

/** Orders and users a task reads and writes ("order:#W…", "user:…"). */
export function footprint(task: RetailTask): { reads: Set<string>; writes: Set<string> } {
  const reads = new Set<string>([`user:${task.user_id}`]);
  const writes = new Set<string>();
  for (const action of task.actions) {
    const keys: string[] = [];
    if (typeof action.kwargs.order_id === 'string') keys.push(`order:${action.kwargs.order_id}`);
    if (typeof action.kwargs.user_id === 'string') keys.push(`user:${action.kwargs.user_id}`);
    keys.forEach((key) => reads.add(key));
    if (retailWriteTools.has(action.name) && action.name !== 'transfer_to_human_agents') {
      keys.forEach((key) => writes.add(key));
      writes.add(`user:${task.user_id}`);
    }
  }
  return { reads, writes };
}
