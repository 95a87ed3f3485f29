export type * from './agent-event.js';
export type * from './cache-store.js';
export type * from './embedding-model.js';
export type * from './language-model.js';
export type * from './stage-span.js';
export type * from './tool.js';
export type * from './tool-result-cache.js';
export type * from './vector-index.js';
