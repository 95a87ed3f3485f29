export { HotpathError, type HotpathErrorCode, type HotpathErrorOptions } from './hotpath-error.js';
