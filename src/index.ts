// Public API of hotpath.
export * from './util/index.js';
