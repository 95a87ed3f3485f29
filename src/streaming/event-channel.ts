// A single-consumer async queue: producers (the model stream, tool calls finishing, progress) push
// events as they happen; the consumer iterates them in order. Iteration that stops early (a `break`,
// a client gone) calls `onCancel` so the producer can abort everything it started.

export class EventChannel<T> implements AsyncIterable<T> {
  private readonly buffer: T[] = [];
  private waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | undefined;
  private closed = false;
  private failure: { error: unknown } | undefined;
  private readonly onCancel: (() => void) | undefined;

  constructor(options: { onCancel?: () => void } = {}) {
    this.onCancel = options.onCancel;
  }

  push(value: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
    } else {
      this.buffer.push(value);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.waiting && this.buffer.length === 0) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  fail(error: unknown): void {
    if (this.closed) return;
    this.failure = { error };
    this.closed = true;
    if (this.waiting && this.buffer.length === 0) {
      const { reject } = this.waiting;
      this.waiting = undefined;
      reject(error);
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift() as T, done: false });
        if (this.failure) return Promise.reject(this.failure.error);
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.waiting = { resolve, reject };
        });
      },
      return: () => {
        const wasOpen = !this.closed;
        this.closed = true;
        this.buffer.length = 0;
        if (wasOpen) this.onCancel?.();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
