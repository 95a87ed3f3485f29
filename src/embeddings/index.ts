export { createUniversalSentenceEncoder, type UniversalSentenceEncoderOptions } from './universal-sentence-encoder.js';
