import type { ChangeEvent, EntityKey, SideEffectRecord, ValueInterval, WorldReader } from '../../sim/index.js';

// An in-memory world for unit tests: field histories are written directly, so a test can make any
// value current, past or never-true at any moment.

export class FakeWorld implements WorldReader {
  private readonly histories = new Map<string, ValueInterval[]>();
  private readonly performed: SideEffectRecord[] = [];

  /** Sets the history of a field (base world when namespace is null, seen by every namespace). */
  setHistory(entity: EntityKey, field: string, intervals: ValueInterval[], namespace: string | null = null): void {
    this.histories.set(`${namespace ?? ''}|${entity}|${field}`, intervals);
  }

  addEffect(effect: SideEffectRecord): void {
    this.performed.push(effect);
  }

  get(namespace: string, entity: EntityKey): (Record<string, unknown> & { version: number }) | undefined {
    const fields: Record<string, unknown> = {};
    for (const [key, intervals] of this.histories) {
      const [owner, owned, field] = key.split('|') as [string, string, string];
      if (owned !== entity || (owner !== '' && owner !== namespace)) continue;
      fields[field] = intervals.at(-1)?.value;
    }
    return Object.keys(fields).length === 0 ? undefined : { ...fields, version: 1 };
  }

  keys(type: string): EntityKey[] {
    const keys = new Set<EntityKey>();
    for (const key of this.histories.keys()) {
      const entity = key.split('|')[1] as string;
      if (entity.startsWith(`${type}:`)) keys.add(entity);
    }
    return [...keys].sort();
  }

  history(namespace: string, entity: EntityKey, field: string): ValueInterval[] {
    return this.histories.get(`${namespace}|${entity}|${field}`) ?? this.histories.get(`|${entity}|${field}`) ?? [];
  }

  effects(filter: { namespace?: string; requestId?: string; key?: string; kind?: string } = {}): SideEffectRecord[] {
    return this.performed.filter(
      (effect) =>
        (filter.namespace === undefined || effect.namespace === filter.namespace) &&
        (filter.requestId === undefined || effect.requestId === filter.requestId) &&
        (filter.key === undefined || effect.key === filter.key) &&
        (filter.kind === undefined || effect.kind === filter.kind),
    );
  }

  subscribe(_listener: (event: ChangeEvent) => void): () => void {
    return () => undefined;
  }
}
