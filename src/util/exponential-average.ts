// An exponentially weighted moving average: recent traffic counts most, so an estimate follows a
// provider that slows down or recovers within a few dozen calls. The first sample sets the value.

export class ExponentialAverage {
  readonly #alpha: number;
  #value: number | undefined;
  #count = 0;

  constructor(alpha: number, initial?: number) {
    this.#alpha = alpha;
    this.#value = initial;
  }

  add(sample: number): void {
    this.#count++;
    this.#value = this.#value === undefined || this.#count === 1 ? sample : this.#value + this.#alpha * (sample - this.#value);
  }

  /** The average, or the prior it was created with until the first sample. */
  get value(): number | undefined {
    return this.#value;
  }

  /** Samples seen (the prior does not count). */
  get count(): number {
    return this.#count;
  }
}
