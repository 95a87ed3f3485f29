// Where a model call's time went, readable by the runtime without an exporter. The spec's stream
// parts carry no timing field, so the timings travel beside the call: `getModelCallTimings(x)` on
// the iterable `stream()` returned or on the result `generate()` returned. The object is live: it
// fills in as the response streams and is complete once the stream ended.

export interface ModelCallTimings {
  provider: string;
  modelId: string;
  /** Epoch ms when the call started. */
  startedAt: number;
  /** HTTP attempts made (1 plus retries). */
  attempts: number;
  /** Ms the answering attempt waited for a free pooled connection (undefined with an injected dispatcher). */
  queueMs?: number;
  /** Whether the answering attempt opened a new connection (paid connection setup). */
  connectionOpened?: boolean;
  /** Ms spent opening that connection. */
  connectMs?: number;
  /** Ms from the call's start to the response headers, retries included. */
  responseStartMs?: number;
  /** Ms from the call's start to the first text or tool-input delta (streams only). */
  firstTokenMs?: number;
  /** Ms from the call's start to the end of the response. */
  totalMs?: number;
}

const timingsByCall = new WeakMap<object, ModelCallTimings>();

/** The timings of the call that returned `streamOrResult` (a `stream()` iterable or a `generate()` result). */
export function getModelCallTimings(streamOrResult: object): ModelCallTimings | undefined {
  return timingsByCall.get(streamOrResult);
}

export function attachModelCallTimings(streamOrResult: object, timings: ModelCallTimings): void {
  timingsByCall.set(streamOrResult, timings);
}
