export type {
  Classification,
  ClassifyInput,
  EmbeddedExample,
  LabelledExample,
  LearnInput,
  LearnResult,
  OutcomeInput,
  TierList,
} from './classifier-types.js';
export {
  classifierStateFormat,
  classifierStateVersion,
  parseClassifierState,
  serializeClassifierState,
  type ClassifierState,
  type ClassifierStateExpectations,
  type ClassifierTrainingSummary,
} from './classifier-state.js';
export type { ClassifierStateStore } from './classifier-state-store.js';
export {
  createComplexityClassifier,
  type ComplexityClassifier,
  type ComplexityClassifierOptions,
  type OnlineLearningOptions,
} from './complexity-classifier.js';
export { defaultClassifierStatePath, defaultTrainingDataDirectory, loadDefaultClassifierState } from './default-classifier-state.js';
export { evaluateClassifier, type ClassifierEvaluation } from './evaluate-classifier.js';
export { createFileClassifierStateStore, type FileClassifierStateStoreOptions } from './file-classifier-state-store.js';
export { parseLabelledExamples, type ParseLabelledExamplesOptions } from './labelled-examples.js';
export {
  createRedisClassifierStateStore,
  type ClassifierStateRedisClient,
  type RedisClassifierStateStoreOptions,
} from './redis-classifier-state-store.js';
export { createSeededRandom, shuffleInPlace, type RandomSource } from './seeded-random.js';
export { extractTextFeatures, textFeatureNames, type TextFeatures } from './text-features.js';
export { defaultTiers, trainClassifier, type TrainClassifierOptions, type TrainedClassifier } from './train-classifier.js';
