/**
 * `LanguageModel.warmUp` options. `headers` go on the warm-up requests too: a request id there puts
 * the warm-up in the caller's namespace (providers and the simulator keep per-tenant warm state).
 */
export interface ModelWarmUpOptions {
  signal?: AbortSignal;
  /** Connections to have open when warm-up resolves. Default 1. */
  connections?: number;
  headers?: Record<string, string>;
}
