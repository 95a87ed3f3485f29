export { deadlineSignal, earliestDeadline, remainingMs, sleep } from './deadline.js';
export { HotpathError, type HotpathErrorCode, type HotpathErrorOptions } from './hotpath-error.js';
export { retry, type RetryOptions } from './retry.js';
export { CircuitBreaker, type CircuitBreakerOptions, type CircuitPermit, type CircuitState } from './circuit-breaker.js';
export { ConcurrencyLimit, type ConcurrencyLimitOptions, type ConcurrencyPermit } from './concurrency-limit.js';
export { SingleFlight, type FlightInfo, type SingleFlightResult } from './single-flight.js';
export * from './http/index.js';
export { canonicalJson } from './canonical-json.js';
export { readPath, renderTags, renderTemplate, templateKeys } from './render-template.js';
