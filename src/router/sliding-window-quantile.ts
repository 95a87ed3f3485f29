// Quantiles of the last N samples. A ring buffer keeps the window; a sorted copy is made only when a
// quantile is read after new samples arrived, so reads between writes cost one array access.
// A window (rather than a sketch over all history) forgets a provider's old behaviour on its own.

export class SlidingWindowQuantile {
  readonly #values: Float64Array;
  #size = 0;
  #next = 0;
  #sorted: Float64Array | undefined;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer (got ${capacity})`);
    this.#values = new Float64Array(capacity);
  }

  add(sample: number): void {
    this.#values[this.#next] = sample;
    this.#next = (this.#next + 1) % this.#values.length;
    if (this.#size < this.#values.length) this.#size++;
    this.#sorted = undefined;
  }

  get size(): number {
    return this.#size;
  }

  /** Nearest-rank quantile (q in [0, 1]) of the window, or undefined when it is empty. */
  quantile(q: number): number | undefined {
    if (this.#size === 0) return undefined;
    this.#sorted ??= this.#values.slice(0, this.#size).sort();
    const rank = Math.min(this.#size - 1, Math.max(0, Math.ceil(q * this.#size) - 1));
    return this.#sorted[rank];
  }
}
