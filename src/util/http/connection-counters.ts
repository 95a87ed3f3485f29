// Counters of one origin's connections, kept by the pooled dispatcher itself (no global state),
// so a benchmark or a test can prove that warm pools stop paying connection setup.

export interface ConnectionCounters {
  /** Connections opened successfully since the pool was created. */
  opened: number;
  /** Connection attempts that failed. */
  failed: number;
}

export interface PoolCounters extends ConnectionCounters {
  /** Open sockets now. */
  connected: number;
  /** Open sockets without a request in flight. */
  free: number;
  /** Requests in flight. */
  running: number;
  /** Requests waiting for a connection. */
  queued: number;
}

export function createConnectionCounters(): ConnectionCounters {
  return { opened: 0, failed: 0 };
}
