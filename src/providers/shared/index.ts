export { isCompleteJsonObject } from './complete-json.js';
export { parseEventStream, type WireStreamParser } from './event-stream.js';
export { generateModelCall, streamModelCall, type ModelCallSetup, type ModelHttpRequest } from './model-call.js';
export type { ModelWarmUpOptions } from './model-warm-up-options.js';
export { attachModelCallTimings, getModelCallTimings, type ModelCallTimings } from './model-call-timings.js';
export { commonProviderOptionsShape, parseProviderOptions, providerHttpClient, trimTrailingSlash } from './provider-options.js';
export { parseRetryAfterMs } from './retry-after.js';
export { createStatusError, statusErrorCode, type StatusErrorInput } from './status-error.js';
