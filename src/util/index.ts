export { deadlineSignal, earliestDeadline, remainingMs, sleep } from './deadline.js';
export { HotpathError, type HotpathErrorCode, type HotpathErrorOptions } from './hotpath-error.js';
export { retry, type RetryOptions } from './retry.js';
