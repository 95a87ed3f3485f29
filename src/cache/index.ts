// Public API of src/cache.
export * from './stores/index.js';
export * from './invalidation/index.js';
export * from './tool-results/index.js';
export * from './slots/index.js';
export * from './response/index.js';
export * from './plan/index.js';
export * from './vector-index/index.js';
