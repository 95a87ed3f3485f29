// Where one HTTP request's time went before the response started. Filled in as the request
// progresses, so a caller can read it at any point (after the headers it is complete).

export interface HttpTimings {
  /** Epoch ms when the request was issued. */
  startedAt: number;
  /**
   * Ms spent waiting for a pooled connection to become free, excluding the time to open one.
   * Undefined when the dispatcher does not report it (an injected dispatcher).
   */
  queueMs?: number;
  /** Whether this request opened a new connection (paid connection setup). */
  connectionOpened?: boolean;
  /** Ms spent opening the connection this request used, when it opened one. */
  connectMs?: number;
  /** Ms from issuing the request to the response headers. */
  headersMs?: number;
}
