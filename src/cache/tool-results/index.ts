export { createToolResultCache } from './tool-result-cache.js';
export type { DefaultToolResultCache, ToolResultCacheOptions, ToolResultCacheStats, ToolResultRefresher } from './tool-result-cache-types.js';
export type { ToolResultEntry } from './tool-result-entry.js';
