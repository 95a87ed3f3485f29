export type { Brain, BrainInput, BrainMessage, BrainOutput, BrainToolCall, BrainToolSpec } from './brain.js';
