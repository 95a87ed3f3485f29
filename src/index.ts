// Public API of hotpath.
export type * from './spec/index.js';
export * from './util/index.js';
