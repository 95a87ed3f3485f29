export { createResponseCache } from './response-cache.js';
export type {
  BypassReason,
  NotStoredReason,
  ResponseCache,
  ResponseCacheOptions,
  ResponseCacheRequest,
  ResponseCacheStats,
  ResponseHit,
  ResponseLookup,
  RunEvidence,
  SemanticCandidate,
  StoreOutcome,
} from './response-cache-types.js';
export { decodeVector, encodeVector, type ResponseEntry } from './response-entry.js';
export { analyzeRun, dependencyKey, planStep, type RunAnalysis, type ToolCallEvidence, type ToolEvidenceMetadata } from './run-analysis.js';
export { createSemanticIndex, type SemanticIndex, type SemanticIndexOptions, type SemanticMatch } from './semantic-index.js';
export {
  createThresholdCalibrator,
  type CalibrationCurvePoint,
  type CalibrationObservation,
  type CalibrationSnapshot,
  type ThresholdCalibrator,
  type ThresholdCalibratorOptions,
  type ThresholdDecision,
} from './threshold-calibrator.js';
export { normalQuantile, wilsonLower, wilsonUpper } from './wilson-bounds.js';
