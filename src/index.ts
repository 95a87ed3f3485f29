// Public API of hotpath.
export type * from './spec/index.js';
export * from './util/index.js';
export * from './telemetry/index.js';
export * from './streaming/index.js';
export * from './tools/index.js';
export * from './providers/index.js';
export * from './embeddings/index.js';
export * from './agent/index.js';
export * from './cache/index.js';
export * from './classifier/index.js';
export * from './router/index.js';
export * from './speculation/index.js';
export * from './config/index.js';
export * from './server/index.js';
export * from './cli/index.js';
