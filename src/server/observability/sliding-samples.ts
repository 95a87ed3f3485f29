// Samples of the last `windowMs` (at most `maxSamples`), for the dashboard's percentiles.

export class SlidingSamples {
  readonly #windowMs: number;
  readonly #maxSamples: number;
  readonly #values: number[] = [];
  readonly #times: number[] = [];

  constructor(windowMs: number, maxSamples = 10_000) {
    this.#windowMs = windowMs;
    this.#maxSamples = maxSamples;
  }

  add(value: number, now = Date.now()): void {
    this.#values.push(value);
    this.#times.push(now);
    if (this.#values.length > this.#maxSamples) {
      this.#values.shift();
      this.#times.shift();
    }
  }

  sorted(now = Date.now()): number[] {
    let drop = 0;
    while (drop < this.#times.length && this.#times[drop]! < now - this.#windowMs) drop++;
    if (drop > 0) {
      this.#values.splice(0, drop);
      this.#times.splice(0, drop);
    }
    return [...this.#values].sort((first, second) => first - second);
  }
}
