export {
  createSpeculator,
  type SpeculationOutcome,
  type SpeculativeCall,
  type SpeculativeRun,
  type Speculator,
  type SpeculatorOptions,
  type SpeculatorStats,
} from './speculator.js';
