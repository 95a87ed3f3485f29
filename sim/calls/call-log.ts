// Every backend call the simulator serves is recorded with its attribution and timings, so the
// benchmark counts what each agent really did (LLM calls by tier, tool calls) and can split a
// request's time into stages, without trusting the agent's own account.

export interface CallRecord {
  kind: 'llm' | 'tool';
  /** Full request id as sent in x-request-id. */
  requestId: string;
  /** Common-random-number key (workload request id). */
  key: string;
  namespace: string;
  /** Model id for LLM calls, tool name for tool calls. */
  name: string;
  /** LLM calls: the model's tier. */
  tier?: 'fast' | 'powerful';
  /** LLM calls: provider deployment name. */
  provider?: string;
  /** LLM calls: 'openai' or 'anthropic'. */
  protocol?: 'openai' | 'anthropic';
  /** LLM calls: streaming or not. */
  stream?: boolean;
  /** Wall-clock ms since epoch. */
  startedAt: number;
  /** When the first byte of the body (first token for streams) was written. */
  firstByteAt?: number;
  endedAt: number;
  /** HTTP status sent. */
  status: number;
  /** Scenario ms added because the call opened a new connection. */
  connectionPenaltyMs: number;
  /** Scenario ms added because the model had scaled to zero. */
  coldStartMs: number;
  inputTokens?: number;
  outputTokens?: number;
  /** Whether the client went away before the response completed. */
  aborted?: boolean;
}

export interface CallQuery {
  namespace?: string;
  requestId?: string;
  key?: string;
  kind?: 'llm' | 'tool';
}

export class CallLog {
  private readonly records: CallRecord[] = [];
  private readonly listeners = new Set<(record: CallRecord) => void>();

  add(record: CallRecord): void {
    this.records.push(record);
    for (const listener of this.listeners) listener(record);
  }

  list(query: CallQuery = {}): CallRecord[] {
    return this.records.filter(
      (record) =>
        (query.namespace === undefined || record.namespace === query.namespace) &&
        (query.requestId === undefined || record.requestId === query.requestId) &&
        (query.key === undefined || record.key === query.key) &&
        (query.kind === undefined || record.kind === query.kind),
    );
  }

  /** Called for every record as it is added; returns an unsubscribe function. */
  subscribe(listener: (record: CallRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.records.length = 0;
  }

  get size(): number {
    return this.records.length;
  }
}
