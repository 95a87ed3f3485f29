// A bounded map that forgets the least recently used entry first. Map keeps insertion order, so
// re-inserting on access is enough to track recency.

export class LruMap<Key, Value> {
  readonly #entries = new Map<Key, Value>();
  readonly maxEntries: number;

  constructor(maxEntries: number) {
    this.maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: Key): Value | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: Key, value: Value): void {
    if (this.maxEntries <= 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value as Key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
