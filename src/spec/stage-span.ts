// Where a run's time went. Spans are recorded through the OpenTelemetry API and also returned in
// `run-finish`, so callers and the benchmark get the breakdown without an exporter.

export type Stage =
  | 'queue'
  | 'connection'
  | 'classify'
  | 'embed'
  | 'cache'
  | 'plan'
  | 'model'
  | 'tool'
  | 'format';

export interface StageSpan {
  stage: Stage;
  /** e.g. "model sim-powerful", "tool get_ticket_status". */
  name: string;
  /** Milliseconds since the run started. */
  startMs: number;
  endMs: number;
  attributes?: Record<string, string | number | boolean>;
}
