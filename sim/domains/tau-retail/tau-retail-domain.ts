// tau-bench retail as a simulated domain: its database in a world with history, its tools over
// HTTP, its tasks as requests (handed out without write conflicts), an oracle brain, and price and
// availability changes that no task depends on.

import type { DomainRequest, GenerateRequestOptions, MentionScan } from '../../domain/index.js';
import type { ServedDomain, ToolHandler } from '../../tools-server/index.js';
import { World, entityType, type EntityKey } from '../../world/index.js';
import { createRetailBrain } from './retail-brain.js';
import { retailCatalog, retailWriteTools } from './retail-catalog.js';
import { loadRetailDatabase, type RetailDatabase, type RetailTask } from './retail-data.js';
import { createRetailMutator, mutableVariants } from './retail-mutations.js';
import { replayTask, type TaskReplay } from './retail-plan.js';
import { worldRetailStore } from './retail-store.js';
import { selectTasks, taskComplexity, type TaskSelection } from './retail-task-selection.js';
import { retailTools } from './retail-tools.js';

export interface TauRetailDomainOptions {
  seed: number | string;
  clock: { now(): number };
}

export interface TauRetailDomain extends ServedDomain {
  readonly name: 'tau-retail';
  readonly database: RetailDatabase;
  /** The conflict-free tasks of a run, in hand-out order. */
  readonly selection: TaskSelection;
  /** The request a task becomes (whether or not the run hands it out). */
  requestFor(task: RetailTask): DomainRequest;
}

const kindOf = { simple: 'tau-simple', complex: 'tau-complex' } as const;

export function createTauRetailDomain(options: TauRetailDomainOptions): TauRetailDomain {
  if (options.seed === undefined) throw new TypeError('createTauRetailDomain: option "seed" is required');
  const database = loadRetailDatabase();
  const world = new World({ clock: options.clock, tagsFor: retailTags });
  for (const [id, user] of Object.entries(database.users)) world.load(`user:${id}`, { ...user });
  for (const [id, order] of Object.entries(database.orders)) world.load(`order:${id}`, { ...order });
  for (const [id, product] of Object.entries(database.products)) world.load(`product:${id}`, { ...product });

  const selection = selectTasks(database.tasks, options.seed);
  const replays = new Map<string, TaskReplay>();
  const replayOf = (task: RetailTask) => {
    let replay = replays.get(task.id);
    if (!replay) {
      replay = replayTask(task, database);
      replays.set(task.id, replay);
    }
    return replay;
  };
  const planOf = (task: RetailTask) => replayOf(task).plan;
  const byInstruction = new Map<string, RetailTask>();
  for (const task of database.tasks) if (!byInstruction.has(normalize(task.instruction))) byInstruction.set(normalize(task.instruction), task);
  const mentions = createRetailMentionScanner(database);
  const mutate = createRetailMutator(world, mutableVariants(database));
  const simpleShare = selection.distinct.filter((selected) => selected.complexity === 'simple').length / selection.distinct.length;

  const handlers = new Map<string, ToolHandler>(
    retailCatalog.map((entry) => [
      entry.name,
      (args, context) => ({ body: retailTools[entry.name]!(worldRetailStore(world, context.namespace, context.requestId), args) }),
    ]),
  );

  return {
    name: 'tau-retail',
    database,
    selection,
    requestFor: (task) => requestOf(task, replayOf(task)),
    catalog: retailCatalog,
    world,
    handlers,
    brain: createRetailBrain({ findTask: (text) => byInstruction.get(normalize(text)), planOf, complexityOf: taskComplexity }),
    kinds: [
      { kind: kindOf.simple, complexity: 'simple', weight: simpleShare },
      { kind: kindOf.complex, complexity: 'complex', weight: 1 - simpleShare },
    ],
    generateRequest(generateOptions: GenerateRequestOptions): DomainRequest {
      const kind = generateOptions.kind;
      if (kind !== undefined && kind !== kindOf.simple && kind !== kindOf.complex) {
        throw new RangeError(`generateRequest: unknown kind "${kind}" (known: ${kindOf.simple}, ${kindOf.complex})`);
      }
      const complexity = kind === undefined ? undefined : kind === kindOf.simple ? 'simple' : 'complex';
      const index = generateOptions.index ?? generateOptions.random.integer(selection.distinct.length);
      const { task } = selection.taskAt(index, complexity);
      return requestOf(task, replayOf(task));
    },
    renderFact: (_fact, value) => (typeof value === 'string' ? value : JSON.stringify(value)),
    scanMentions: (text) => mentions(text),
    relatedUsers: () => [],
    mutate: (random) => mutate(random),
  };
}

function requestOf(task: RetailTask, { plan, results }: TaskReplay): DomainRequest {
  const complexity = taskComplexity(task);
  const entities = new Set<EntityKey>([`user:${task.user_id}`]);
  for (const action of task.actions) {
    if (typeof action.kwargs.order_id === 'string') entities.add(`order:${action.kwargs.order_id}`);
    if (typeof action.kwargs.user_id === 'string') entities.add(`user:${action.kwargs.user_id}`);
  }
  return {
    kind: kindOf[complexity],
    complexity,
    userId: task.user_id,
    text: task.instruction,
    truth: {
      facts: [],
      // A write that fails on tau-bench's own data (an insufficient gift-card balance...) is attempted
      // but changes nothing, so it is not an expected side effect.
      sideEffects: task.actions
        .filter((action, index) => retailWriteTools.has(action.name) && !isError(results[index]))
        .map((action) => ({ kind: action.name, match: action.kwargs })),
      entities: [...entities],
      outputs: [...task.outputs],
    },
    plan,
    answerTokens: complexity === 'simple' ? 45 : 125,
  };
}

function isError(result: unknown): boolean {
  return typeof result === 'object' && result !== null && 'error' in result;
}

function normalize(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

function retailTags(entity: EntityKey): string[] {
  switch (entityType(entity)) {
    case 'user':
      return [entity, 'users'];
    case 'product':
      return [entity, 'products'];
    default:
      return [entity];
  }
}

/** Order ids ("#W1234567") and users by full name, e-mail or user id. */
function createRetailMentionScanner(database: RetailDatabase): (text: string) => MentionScan {
  const byName = new Map<string, string[]>();
  const byEmail = new Map<string, string>();
  for (const [id, user] of Object.entries(database.users)) {
    const name = `${user.name.first_name} ${user.name.last_name}`.toLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), id]);
    byEmail.set(user.email.toLowerCase(), id);
  }
  const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const names = [...byName.keys()].sort((left, right) => right.length - left.length);
  const namePattern = new RegExp(`(?<![\\p{L}])(${names.map(escape).join('|')})(?![\\p{L}])`, 'giu');
  return (text) => {
    const entities = new Set<EntityKey>();
    for (const match of text.matchAll(/#W\d{7}\b/g)) entities.add(`order:${match[0]}`);
    const users = new Set<string>();
    for (const match of text.matchAll(namePattern)) byName.get(match[1]!.toLowerCase())?.forEach((id) => users.add(id));
    for (const match of text.matchAll(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi)) {
      const id = byEmail.get(match[0].toLowerCase());
      if (id) users.add(id);
    }
    for (const match of text.matchAll(/\b[a-z]+_[a-z]+_\d{4}\b/g)) if (Object.hasOwn(database.users, match[0])) users.add(match[0]);
    return { entities: [...entities], users: [...users] };
  };
}
