// The simulated systems of record, with every field's history. Reads are on the tool server's hot
// path, so the current view of an entity is cached per view and rebuilt only after a write to it.

import type { ChangeEvent, EntityKey, SideEffectRecord, ValueInterval, WorldReader } from './world-types.js';

/** A field value with the moment it was set; `seq` orders writes made within the same millisecond. */
interface FieldEntry {
  value: unknown;
  from: number;
  seq: number;
}

interface EntityState {
  fields: Map<string, FieldEntry[]>;
  /** Writes applied to this state (base: including the initial load). */
  version: number;
  /** Cached current view; undefined after a write. */
  snapshot: (Record<string, unknown> & { version: number }) | undefined;
  /** For namespace overlays: the base version the cached snapshot was merged with. */
  snapshotBaseVersion: number;
}

export interface WriteOptions {
  cause: ChangeEvent['cause'];
  requestId?: string;
}

/** Cache tags a change touches; the entity key alone when the domain gives no tagger. */
export type ChangeTagger = (entity: EntityKey, current: Record<string, unknown>, changedFields: string[]) => string[];

export interface WorldOptions {
  clock: { now(): number };
  tagsFor?: ChangeTagger;
}

export class WorldWriteError extends Error {
  override name = 'WorldWriteError';
}

export function entityType(entity: EntityKey): string {
  const separator = entity.indexOf(':');
  return separator < 0 ? entity : entity.slice(0, separator);
}

export class World implements WorldReader {
  private readonly clock: { now(): number };
  private readonly tagsFor: ChangeTagger;
  private readonly base = new Map<EntityKey, EntityState>();
  private readonly overlays = new Map<string, Map<EntityKey, EntityState>>();
  private readonly typeIndex = new Map<string, EntityKey[]>();
  private readonly effectRecords: SideEffectRecord[] = [];
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  private nextEventId = 1;
  private sequence = 0;

  constructor(options: WorldOptions) {
    if (typeof options?.clock?.now !== 'function') throw new TypeError('World: option "clock" must have now()');
    this.clock = options.clock;
    this.tagsFor = options.tagsFor ?? ((entity) => [entity]);
  }

  /** Adds an entity to the base world without announcing it (initial data). */
  load(entity: EntityKey, record: Record<string, unknown>): void {
    if (this.base.has(entity)) throw new WorldWriteError(`entity "${entity}" already exists`);
    const at = this.clock.now();
    const state = newState();
    for (const [field, value] of Object.entries(record)) {
      if (field === 'version') continue;
      state.fields.set(field, [{ value: copyValue(value), from: at, seq: ++this.sequence }]);
    }
    state.version = 1;
    this.base.set(entity, state);
    this.indexKey(entity);
  }

  has(entity: EntityKey): boolean {
    return this.base.has(entity);
  }

  get(namespace: string, entity: EntityKey): (Record<string, unknown> & { version: number }) | undefined {
    const baseState = this.base.get(entity);
    const overlay = this.overlays.get(namespace)?.get(entity);
    if (!overlay) return baseState ? baseSnapshot(baseState) : undefined;
    const baseVersion = baseState?.version ?? 0;
    if (overlay.snapshot && overlay.snapshotBaseVersion === baseVersion) return overlay.snapshot;
    overlay.snapshot = mergedSnapshot(baseState, overlay);
    overlay.snapshotBaseVersion = baseVersion;
    return overlay.snapshot;
  }

  /** The entity as the base world has it (no namespace's writes). */
  getBase(entity: EntityKey): (Record<string, unknown> & { version: number }) | undefined {
    return this.view(null, entity);
  }

  keys(type: string): EntityKey[] {
    return [...(this.typeIndex.get(type) ?? [])];
  }

  history(namespace: string, entity: EntityKey, field: string): ValueInterval[] {
    const baseEntries = (this.base.get(entity)?.fields.get(field) ?? []).map((entry) => ({ entry, namespace: null as string | null }));
    const overlayEntries = (this.overlays.get(namespace)?.get(entity)?.fields.get(field) ?? []).map((entry) => ({ entry, namespace }));
    // Latest write wins per field, whichever view made it.
    const merged = [...baseEntries, ...overlayEntries].sort((left, right) => left.entry.seq - right.entry.seq);
    return merged.map(({ entry, namespace: owner }, index) => ({
      value: entry.value,
      from: entry.from,
      to: index + 1 < merged.length ? merged[index + 1]!.entry.from : null,
      namespace: owner,
    }));
  }

  /** The field's value in `namespace`'s view at wall-clock time `at` (undefined before it existed). */
  valueAt(namespace: string, entity: EntityKey, field: string, at: number): unknown {
    let value: unknown;
    for (const interval of this.history(namespace, entity, field)) {
      if (interval.from > at) break;
      value = interval.value;
    }
    return value;
  }

  /** Changes fields of an existing entity: in the base world (namespace null) or in one namespace's view. */
  set(namespace: string | null, entity: EntityKey, patch: Record<string, unknown>, options: WriteOptions): ChangeEvent {
    const before = this.view(namespace, entity);
    if (!before) throw new WorldWriteError(`entity "${entity}" does not exist`);
    const state = namespace === null ? this.base.get(entity)! : this.overlayState(namespace, entity);
    const at = this.clock.now();
    const fields: ChangeEvent['fields'] = {};
    for (const [field, value] of Object.entries(patch)) {
      if (field === 'version') continue;
      const entries = state.fields.get(field) ?? [];
      entries.push({ value: copyValue(value), from: at, seq: ++this.sequence });
      state.fields.set(field, entries);
      fields[field] = { from: before[field], to: value };
    }
    state.version++;
    state.snapshot = undefined;
    return this.emit({ namespace, entity, type: 'updated', fields, at, options });
  }

  /** Adds an entity in the base world or in one namespace's view, announced as "<type>.created". */
  create(namespace: string | null, entity: EntityKey, record: Record<string, unknown>, options: WriteOptions): ChangeEvent {
    if (this.view(namespace, entity)) throw new WorldWriteError(`entity "${entity}" already exists`);
    const at = this.clock.now();
    const state = namespace === null ? newState() : this.overlayState(namespace, entity);
    const fields: ChangeEvent['fields'] = {};
    for (const [field, value] of Object.entries(record)) {
      if (field === 'version') continue;
      state.fields.set(field, [{ value: copyValue(value), from: at, seq: ++this.sequence }]);
      fields[field] = { from: undefined, to: value };
    }
    state.version++;
    state.snapshot = undefined;
    if (namespace === null) {
      this.base.set(entity, state);
      this.indexKey(entity);
    }
    return this.emit({ namespace, entity, type: 'created', fields, at, options });
  }

  recordEffect(record: SideEffectRecord): void {
    this.effectRecords.push(record);
  }

  effects(filter: { namespace?: string; requestId?: string; key?: string; kind?: string } = {}): SideEffectRecord[] {
    return this.effectRecords.filter(
      (record) =>
        (filter.namespace === undefined || record.namespace === filter.namespace) &&
        (filter.requestId === undefined || record.requestId === filter.requestId) &&
        (filter.key === undefined || record.key === filter.key) &&
        (filter.kind === undefined || record.kind === filter.kind),
    );
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Namespaces that have written anything. */
  namespaces(): string[] {
    return [...this.overlays.keys()];
  }

  private view(namespace: string | null, entity: EntityKey): (Record<string, unknown> & { version: number }) | undefined {
    if (namespace !== null) return this.get(namespace, entity);
    const state = this.base.get(entity);
    return state ? baseSnapshot(state) : undefined;
  }

  private overlayState(namespace: string, entity: EntityKey): EntityState {
    let overlay = this.overlays.get(namespace);
    if (!overlay) {
      overlay = new Map();
      this.overlays.set(namespace, overlay);
    }
    let state = overlay.get(entity);
    if (!state) {
      state = newState();
      overlay.set(entity, state);
    }
    return state;
  }

  private indexKey(entity: EntityKey): void {
    const type = entityType(entity);
    const list = this.typeIndex.get(type);
    if (list) list.push(entity);
    else this.typeIndex.set(type, [entity]);
  }

  private emit(change: {
    namespace: string | null;
    entity: EntityKey;
    type: 'updated' | 'created';
    fields: ChangeEvent['fields'];
    at: number;
    options: WriteOptions;
  }): ChangeEvent {
    const current = this.view(change.namespace, change.entity)!;
    const event: ChangeEvent = {
      id: this.nextEventId++,
      type: `${entityType(change.entity)}.${change.type}`,
      entity: change.entity,
      tags: this.tagsFor(change.entity, current, Object.keys(change.fields)),
      fields: change.fields,
      version: current.version,
      at: change.at,
      namespace: change.namespace,
      cause: change.options.cause,
      ...(change.options.requestId === undefined ? {} : { requestId: change.options.requestId }),
    };
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A failing listener (announcer, test) never breaks a write.
      }
    }
    return event;
  }
}

function newState(): EntityState {
  return { fields: new Map(), version: 0, snapshot: undefined, snapshotBaseVersion: -1 };
}

function baseSnapshot(state: EntityState): Record<string, unknown> & { version: number } {
  if (state.snapshot) return state.snapshot;
  const record: Record<string, unknown> = {};
  for (const [field, entries] of state.fields) {
    const value = entries[entries.length - 1]!.value;
    if (value !== undefined) record[field] = value;
  }
  record.version = state.version;
  state.snapshot = Object.freeze(record) as Record<string, unknown> & { version: number };
  return state.snapshot;
}

function mergedSnapshot(baseState: EntityState | undefined, overlay: EntityState): Record<string, unknown> & { version: number } {
  const record: Record<string, unknown> = {};
  const fieldNames = new Set([...(baseState?.fields.keys() ?? []), ...overlay.fields.keys()]);
  for (const field of fieldNames) {
    const baseEntries = baseState?.fields.get(field);
    const overlayEntries = overlay.fields.get(field);
    const baseLast = baseEntries?.[baseEntries.length - 1];
    const overlayLast = overlayEntries?.[overlayEntries.length - 1];
    const winner = !overlayLast ? baseLast : !baseLast || overlayLast.seq > baseLast.seq ? overlayLast : baseLast;
    if (winner && winner.value !== undefined) record[field] = winner.value;
  }
  record.version = (baseState?.version ?? 0) + overlay.version;
  return Object.freeze(record) as Record<string, unknown> & { version: number };
}

/**
 * Stored values are private, deeply frozen copies: a caller mutating its own object never rewrites
 * history, and a reader trying to mutate what it read fails loudly instead of corrupting the world.
 */
function copyValue(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? deepFreeze(structuredClone(value)) : value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
