// Public API of src/cache.
export * from './stores/index.js';
export * from './invalidation/index.js';
export * from './tool-results/index.js';
