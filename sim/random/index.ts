export { createRandom, hashKey, type RandomSource } from './random-source.js';
export { inverseStandardNormal, logNormalFromQuantiles, type LogNormal, type Quantiles } from './log-normal.js';
export { sampleKey, type SampleKeyParts } from './sample-key.js';
