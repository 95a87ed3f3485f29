// Public API of the benchmark: run agents side by side on a scenario and report the results.
export * from './agents/index.js';
export * from './cli/index.js';
export * from './report/index.js';
export * from './run/index.js';
export * from './scenario/index.js';
export * from './scoring/index.js';
export * from './stats/index.js';
export * from './workload/index.js';
