// Listeners of a bus: each notified in turn; one that throws does not keep the notice from the rest.

export class ListenerSet<Event> {
  private listeners: ReadonlyArray<(event: Event) => void> = [];
  private readonly onError: ((error: unknown) => void) | undefined;

  constructor(onError?: (error: unknown) => void) {
    this.onError = onError;
  }

  get size(): number {
    return this.listeners.length;
  }

  add(listener: (event: Event) => void): () => void {
    // Copy on write: a listener that unsubscribes during delivery does not disturb the loop.
    this.listeners = [...this.listeners, listener];
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.listeners = this.listeners.filter((candidate) => candidate !== listener);
    };
  }

  emit(event: Event): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onError?.(error);
      }
    }
  }

  clear(): void {
    this.listeners = [];
  }
}
