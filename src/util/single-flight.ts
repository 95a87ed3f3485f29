// Identical concurrent work runs once: the first caller for a key starts it, later callers with the
// same key wait for the same result. Each caller may give up on its own (its signal aborts); the
// shared work is aborted only when every caller waiting for it has given up.

export interface SingleFlightResult<T> {
  value: T;
  /** True when this caller joined work another caller had started. */
  shared: boolean;
}

/** What the shared work can see about the callers waiting for it. */
export interface FlightInfo {
  /** The latest deadline among the callers that joined (undefined once one joined without a deadline). */
  readonly deadline: number | undefined;
}

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
  info: { deadline: number | undefined; unbounded: boolean };
}

export class SingleFlight<T> {
  private readonly flights = new Map<string, Flight<T>>();

  /** Keys with work in flight. */
  get size(): number {
    return this.flights.size;
  }

  /** Callers waiting on `key` right now (0 when nothing is in flight). */
  waiters(key: string): number {
    return this.flights.get(key)?.waiters ?? 0;
  }

  /**
   * Runs `operation` for `key` unless it is already in flight, in which case this caller waits for it.
   * `deadline` (epoch ms) is this caller's; the work sees the latest one through `FlightInfo`.
   */
  run(
    key: string,
    operation: (signal: AbortSignal, info: FlightInfo) => Promise<T>,
    options: { signal?: AbortSignal; deadline?: number } = {},
  ): Promise<SingleFlightResult<T>> {
    const { signal, deadline } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const existing = this.flights.get(key);
    const flight = existing ?? this.startFlight(key, operation, deadline);
    if (existing) {
      if (deadline === undefined) flight.info.unbounded = true;
      else if (!flight.info.unbounded) flight.info.deadline = Math.max(flight.info.deadline ?? deadline, deadline);
    }
    flight.waiters++;
    return this.wait(key, flight, existing !== undefined, signal);
  }

  private startFlight(key: string, operation: (signal: AbortSignal, info: FlightInfo) => Promise<T>, deadline: number | undefined): Flight<T> {
    const controller = new AbortController();
    const info = { deadline, unbounded: deadline === undefined };
    const view: FlightInfo = { get deadline() { return info.unbounded ? undefined : info.deadline; } };
    const flight: Flight<T> = { controller, waiters: 0, info, promise: (async () => operation(controller.signal, view))() };
    const forget = () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    // Nobody may be listening any more when it settles (everyone gave up): never an unhandled rejection.
    flight.promise.then(forget, forget);
    this.flights.set(key, flight);
    return flight;
  }

  private wait(key: string, flight: Flight<T>, shared: boolean, signal: AbortSignal | undefined): Promise<SingleFlightResult<T>> {
    return new Promise((resolve, reject) => {
      let done = false;
      const onAbort = () => {
        if (done) return;
        done = true;
        flight.waiters--;
        if (flight.waiters === 0) {
          // Last one out: stop the work and let the next caller start afresh rather than join a dying flight.
          if (this.flights.get(key) === flight) this.flights.delete(key);
          flight.controller.abort(signal?.reason);
        }
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (value) => {
          if (done) return;
          done = true;
          flight.waiters--;
          signal?.removeEventListener('abort', onAbort);
          resolve({ value, shared });
        },
        (error: unknown) => {
          if (done) return;
          done = true;
          flight.waiters--;
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}
