export { MutationEngine, type MutationEngineOptions } from './mutation-engine.js';
