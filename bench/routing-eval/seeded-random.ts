// The classifier's seeded generator (mulberry32), so folds and random-router baselines reproduce.
export { createSeededRandom, shuffleInPlace } from '../../src/index.js';
